import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import { buildNoticeCard, type AdaptiveCardJson, type UpdateStatusPayload } from '../cards';
import { openFormPayload, readUpdateStatusPayload, refreshActionPayload } from '../cards/verbs';
import type { ActionStatus } from '../domain/action-status';
import type { Person } from '../domain/person';
import { findAction } from '../domain/plan-lookup';
import { RAG_LABELS } from '../domain/rag-status';
import { timeAgo } from '../domain/relative-time';
import type { PlanAction } from '../plan/plan-schema';
import { StoreUnavailableError } from '../storage/store-errors';
import type { BotDependencies } from './bot-dependencies';
import {
  isPersonalChat,
  myActionsAnswerCard,
  personalActionCard,
  sharedActionCard,
  type FormAnswer,
} from './action-card-views';
import { personalDataNotice, refusalReply } from './command-handlers';
import { answerExecuteWithCard, replaceSharedCard } from './replies';
import { deliveryOf } from './delivery';

function invalidPayloadCard(): AdaptiveCardJson {
  return buildNoticeCard({
    tone: 'warning',
    title: 'That card could not be read',
    text: 'The card sent something I did not expect, so nothing was saved. Please open the action again.',
    suggestions: [{ title: 'help', command: 'help' }],
  });
}

export const SHARED_CARD_NOT_REFRESHED =
  'The card in the conversation could not be refreshed, so others may see the old status until it is opened again.';

function parsePayload<T extends z.ZodTypeAny>(schema: T, data: unknown): z.infer<T> | undefined {
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** Action.Execute handlers: each answers with the card that replaces the one acted on. */
export class CardActions {
  constructor(private readonly deps: BotDependencies) {}

  /** Teams asks for one viewer's own view of an action card (Universal Actions refresh). */
  async refreshAction(context: TurnContext, data: unknown): Promise<void> {
    const payload = parsePayload(refreshActionPayload, data);
    const action = payload && findAction(this.deps.plan, payload.actionId);
    if (!action) return answerExecuteWithCard(context, invalidPayloadCard());
    const viewer = await this.deps.people.identifyIfPossible(context);
    const status = await this.deps.statusService.currentStatus(action.id);
    await answerExecuteWithCard(context, personalActionCard(this.deps, context, viewer, action, status));
  }

  /** "Open the form for 5.1": the action's form, filled in with what the person typed. Stores nothing. */
  async openForm(context: TurnContext, data: unknown): Promise<void> {
    const payload = parsePayload(openFormPayload, data);
    const action = payload && findAction(this.deps.plan, payload.actionId);
    if (!payload || !action) return answerExecuteWithCard(context, invalidPayloadCard());
    const viewer = await this.deps.people.identify(context);
    const status = await this.deps.statusService.currentStatus(action.id);
    const mayUpdate = this.deps.statusService.mayUpdate(viewer, status);
    await answerExecuteWithCard(
      context,
      personalActionCard(this.deps, context, viewer, action, status, {
        notice: mayUpdate
          ? undefined
          : { tone: 'warning', text: 'Only the owner or a board admin can update this action.' },
        draft: { rag: payload.rag, note: payload.note },
      }),
    );
  }

  /**
   * The update form was submitted. Whatever stops it being saved, the answer is the same form with the
   * person's choice and words in it and the reason beside it; once saved, nothing after the commit can
   * turn the answer into an error.
   */
  async updateStatus(context: TurnContext, data: unknown): Promise<void> {
    const parsed = readUpdateStatusPayload(data);
    const payload = parsed.success ? parsed.data : undefined;
    const action = payload && findAction(this.deps.plan, payload.actionId);
    if (!payload || !action) {
      this.deps.logger.warn({ verb: 'updateStatus' }, 'card payload rejected');
      return answerExecuteWithCard(context, invalidPayloadCard());
    }
    const viewer = await this.deps.people.identify(context);
    const outcome = await this.deps.statusService.updateStatus({
      actionId: action.id,
      ragWord: payload.rag,
      note: payload.note,
      by: viewer,
      baseVersion: payload.baseVersion,
      confirmPersonalData: payload.confirmPersonalData,
      delivery: deliveryOf(context),
    });
    const typed = { rag: payload.rag, note: payload.note };
    const answer = (status: ActionStatus, formAnswer: FormAnswer) =>
      this.answerOnSameCard(context, viewer, action, payload, status, formAnswer);
    switch (outcome.kind) {
      case 'saved': {
        this.deps.logger.info(
          { actionId: action.id, from: outcome.previous.rag, to: outcome.current.rag },
          'status updated by card',
        );
        let text = `Saved: ${RAG_LABELS[outcome.previous.rag]} → ${RAG_LABELS[outcome.current.rag]}.`;
        if (!isPersonalChat(context) && !payload.list) {
          const card = sharedActionCard(this.deps, viewer, action, outcome.current);
          if (!(await replaceSharedCard(context, card, this.deps.logger)))
            text += ` ${SHARED_CARD_NOT_REFRESHED}`;
        }
        return answer(outcome.current, { notice: { tone: 'good', text } });
      }
      case 'changedSinceForm': {
        const current = outcome.current;
        const who = current.updatedByName ?? current.updatedByEmail ?? 'someone';
        const when = current.updatedAt ? timeAgo(new Date(current.updatedAt), this.deps.clock()) : 'just now';
        const text = `Status changed to ${RAG_LABELS[current.rag]} by ${who} ${when}; submit anyway?`;
        return answer(current, {
          notice: { tone: 'warning', text },
          draft: { ...typed, submitLabel: 'Submit anyway' },
        });
      }
      case 'checkPersonalData':
        return answer(outcome.current, {
          notice: { tone: 'warning', text: personalDataNotice(outcome.findings) },
          draft: { ...typed, check: { findings: outcome.findings, note: outcome.note } },
        });
      case 'invalid':
        return answer(outcome.current, {
          notice: { tone: 'warning', text: `Not saved: ${outcome.problem}` },
          draft: typed,
        });
      case 'busy': {
        const current = await this.deps.statusService.currentStatus(action.id);
        return answer(current, {
          notice: {
            tone: 'warning',
            text: 'Not saved: several people are updating this action; please save again.',
          },
          draft: typed,
        });
      }
      default:
        return answerExecuteWithCard(context, refusalReply(outcome).card);
    }
  }

  /** The card the form was on, drawn again: the action card, or the whole my-actions list or reminder. */
  private async answerOnSameCard(
    context: TurnContext,
    viewer: Person,
    action: PlanAction,
    payload: UpdateStatusPayload,
    status: ActionStatus,
    formAnswer: FormAnswer,
  ): Promise<void> {
    const single = () => personalActionCard(this.deps, context, viewer, action, status, formAnswer);
    if (!payload.list) return answerExecuteWithCard(context, single());
    let statuses: Map<string, ActionStatus>;
    try {
      statuses = new Map(await this.deps.statusService.currentStatuses());
    } catch (error) {
      // The list cannot be drawn again; the one action (already known) still tells the truth.
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.deps.logger.warn({ err: error.cause }, 'my actions not redrawn: plan store unavailable');
      return answerExecuteWithCard(context, single());
    }
    // The status this answer is about wins over the list's read, which may be older.
    statuses.set(action.id, status);
    const list = payload.list;
    return answerExecuteWithCard(
      context,
      myActionsAnswerCard(this.deps, viewer, action.id, statuses, list, formAnswer),
    );
  }
}
