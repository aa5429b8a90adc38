import type { ActionStatus } from '../domain/action-status';
import type { Person } from '../domain/person';
import { findAction } from '../domain/plan-lookup';
import { RAG_LABELS, type RagStatus } from '../domain/rag-status';
import { timeAgo } from '../domain/relative-time';
import type { StatusUpdateOutcome } from '../domain/changes/status-update';
import type { StatusService } from './status-service';
import { StoreUnavailableError } from '../domain/store-unavailable';
import type { TypedUpdateDetails } from '../domain/update-details';
import type { Plan, PlanAction } from '../plan/plan-schema';
import type { Answer } from '../views/answer';
import { actionAnswer, type ActionCards, type FormAnswer, type FormList, type Place } from './action-cards';
import type { Log } from './log';
import { formOffer, notice } from './notices';
import { cardNotRead, personalDataNotice, refusal } from './refusals';

/** A typed "update 5.1 amber <note>". */
export interface TypedUpdate {
  by: Person;
  actionId: string;
  ragWord: string;
  note: string;
  /** Identifies the delivery, so a redelivered message changes the record once. */
  delivery?: string;
  place: Place;
}

/** The update form, submitted. */
export interface FormUpdate {
  by: Person;
  actionId: string;
  rag: RagStatus;
  note: string;
  /** The form's impact, evidence link and corrective action; absent from the personal-data check card. */
  details?: TypedUpdateDetails;
  baseVersion: number;
  confirmPersonalData?: boolean;
  /** The card the form sits on: absent for the action card. */
  list?: FormList;
  delivery?: string;
  place: Place;
  /**
   * Redraws the card everyone sees in a shared conversation. Called after the commit; false when it
   * could not be (the answer then says so), and it never fails the update.
   */
  replaceSharedCard(answer: Answer): Promise<boolean>;
}

export const SHARED_CARD_NOT_REFRESHED =
  'The card in the conversation could not be refreshed, so others may see the old status until it is opened again.';

/** A status update, typed or from a form: one append-only change, or a reason nothing was stored. */
export class UpdateStatus {
  constructor(
    private readonly plan: Plan,
    private readonly statusService: StatusService,
    private readonly cards: ActionCards,
    private readonly clock: () => Date,
    private readonly log: Log,
  ) {}

  async typed(update: TypedUpdate): Promise<Answer> {
    const outcome = await this.statusService.updateStatus({
      actionId: update.actionId,
      ragWord: update.ragWord,
      note: update.note,
      by: update.by,
      delivery: update.delivery,
    });
    switch (outcome.kind) {
      case 'invalid':
        // The form, filled in with what was typed, is the way on; never a button that saves other words.
        return notice('warning', 'Nothing was saved', outcome.problem, [], { forms: [formOffer(update)] });
      case 'saved': {
        const text = `Saved: ${RAG_LABELS[outcome.previous.rag]} → ${RAG_LABELS[outcome.current.rag]}.`;
        return actionAnswer(
          this.cards.reply(update.by, outcome.action, outcome.current, update.place, { tone: 'good', text }),
          `${outcome.action.id} is now ${RAG_LABELS[outcome.current.rag]}`,
        );
      }
      case 'checkPersonalData': {
        const action = findAction(this.plan, outcome.current.actionId);
        return {
          summary: 'Please check your note before I store it',
          screen: {
            card: 'personalDataCheck',
            view: {
              actionId: outcome.current.actionId,
              actionTitle: action?.title ?? '',
              rag: outcome.rag,
              note: outcome.note,
              baseVersion: outcome.current.version,
              findings: outcome.findings,
            },
          },
        };
      }
      default:
        return refusal(outcome);
    }
  }

  /**
   * Whatever stops a form being saved, the answer is the same form with the person's choice and words in
   * it and the reason beside it; once saved, nothing after the commit can turn the answer into an error.
   */
  async fromForm(update: FormUpdate): Promise<Answer> {
    const action = findAction(this.plan, update.actionId);
    if (!action) return cardNotRead();
    const outcome = await this.statusService.updateStatus({
      actionId: action.id,
      ragWord: update.rag,
      note: update.note,
      by: update.by,
      baseVersion: update.baseVersion,
      confirmPersonalData: update.confirmPersonalData,
      delivery: update.delivery,
      details: update.details,
    });
    const typed = { rag: update.rag, note: update.note, ...update.details };
    const answer = (status: ActionStatus, formAnswer: FormAnswer) =>
      this.answerOnSameCard(update, action, status, formAnswer);
    switch (outcome.kind) {
      case 'saved': {
        this.log.info(
          { actionId: action.id, from: outcome.previous.rag, to: outcome.current.rag },
          'status updated by card',
        );
        let text = `Saved: ${RAG_LABELS[outcome.previous.rag]} → ${RAG_LABELS[outcome.current.rag]}.`;
        if (update.place === 'shared' && !update.list) {
          const shared = actionAnswer(this.cards.shared(update.by, action, outcome.current));
          if (!(await update.replaceSharedCard(shared))) text += ` ${SHARED_CARD_NOT_REFRESHED}`;
        }
        return answer(outcome.current, { notice: { tone: 'good', text } });
      }
      case 'changedSinceForm': {
        const current = outcome.current;
        const who = current.updatedByName ?? current.updatedByEmail ?? 'someone';
        const when = current.updatedAt ? timeAgo(new Date(current.updatedAt), this.clock()) : 'just now';
        const text = `Status changed to ${RAG_LABELS[current.rag]} by ${who} ${when}; submit anyway?`;
        return answer(current, {
          notice: { tone: 'warning', text },
          draft: { ...typed, submitLabel: 'Submit anyway' },
        });
      }
      case 'checkPersonalData':
        return answer(outcome.current, {
          notice: { tone: 'warning', text: personalDataNotice(outcome.findings) },
          draft: { ...typed, check: { findings: outcome.findings, note: outcome.note, ...outcome.details } },
        });
      case 'invalid':
        return answer(outcome.current, {
          notice: { tone: 'warning', text: `Not saved: ${outcome.problem}` },
          draft: typed,
        });
      case 'busy': {
        const current = await this.statusService.currentStatus(action.id);
        return answer(current, {
          notice: {
            tone: 'warning',
            text: 'Not saved: several people are updating this action; please save again.',
          },
          draft: typed,
        });
      }
      default:
        return refusal(outcome as Exclude<StatusUpdateOutcome, { kind: 'saved' }>);
    }
  }

  /** The card the form was on, drawn again: the action card, or the whole my-actions list or reminder. */
  private async answerOnSameCard(
    update: FormUpdate,
    action: PlanAction,
    status: ActionStatus,
    formAnswer: FormAnswer,
  ): Promise<Answer> {
    const single = () =>
      actionAnswer(this.cards.personal(update.by, action, status, update.place, formAnswer));
    if (!update.list) return single();
    let statuses: Map<string, ActionStatus>;
    try {
      statuses = new Map(await this.statusService.currentStatuses());
    } catch (error) {
      // The list cannot be drawn again; the one action (already known) still tells the truth.
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.log.warn({ err: error.cause }, 'my actions not redrawn: plan store unavailable');
      return single();
    }
    // The status this answer is about wins over the list's read, which may be older.
    statuses.set(action.id, status);
    const view = this.cards.myActionsAnswer(update.by, action.id, statuses, update.list, formAnswer);
    return { summary: `${view.actions.length} actions`, screen: { card: 'myActions', view } };
  }
}
