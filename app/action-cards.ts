import type { ActionStatus } from '../domain/action-status';
import type { Person } from '../domain/person';
import { findAction } from '../domain/plan-lookup';
import { isOwner } from '../domain/changes/decision';
import type { Plan, PlanAction } from '../plan/plan-schema';
import { actionView, formDetails, myActionsView, type ActionCycleContext } from '../views/action-views';
import type { Answer } from '../views/answer';
import type { ActionView, CheckedDetails, MyActionsView, Tone } from '../views/view-models';

/**
 * Where a card is shown. A personal chat's card is the viewer's alone. A group chat's or channel's card is
 * everyone's, so it is read-only, and Teams asks the bot (Universal Actions refresh) for each listed
 * person's own view of it.
 */
export type Place = 'personal' | 'shared';

/** A form submitted from the my-actions list ("mine") or a reminder (the ids it listed); absent for the action card. */
export type FormList = 'mine' | string[];

export interface ActionCardRules {
  plan: Plan;
  mayUpdate(viewer: Person, status: ActionStatus): boolean;
  clock: () => Date;
  timeZone: string;
}

/**
 * The action card has three variants, and these are its refresh rules:
 * - the **reply** to "show action": in a personal chat it carries the form when the viewer may update; in a
 *   shared place it is read-only and names (refresh userIds) the owner and, if they may update, the viewer;
 * - the **personal** view (a refresh, or the answer to a form): the form whenever the viewer may update;
 * - the **shared** view (the posted card redrawn after a change): read-only, naming the owner and the person
 *   who acted.
 */
export class ActionCards {
  constructor(private readonly rules: ActionCardRules) {}

  private viewContext() {
    return { now: this.rules.clock(), timeZone: this.rules.timeZone };
  }

  /**
   * The action card as this viewer should see it. In a personal chat the card is theirs alone, so it carries
   * the form when they may update. In a group chat or channel the posted card is read-only for everyone and
   * Teams asks the bot (refresh) for the form on behalf of the people listed, one at a time.
   */
  reply(
    viewer: Person,
    action: PlanAction,
    status: ActionStatus,
    place: Place,
    notice?: { tone: Tone; text: string },
    cycle: ActionCycleContext = {},
  ): ActionView {
    const mayUpdate = this.rules.mayUpdate(viewer, status);
    const personal = place === 'personal';
    const refreshUserIds = personal ? [] : formViewers(status, mayUpdate ? viewer : undefined);
    return actionView(
      this.rules.plan,
      action,
      status,
      this.viewContext(),
      { notice, form: personal && mayUpdate ? formFor(status) : undefined, refreshUserIds },
      cycle,
    );
  }

  /** The card a refresh or a form submit returns to one person: their own view, with the form if they may update. */
  personal(
    viewer: Person,
    action: PlanAction,
    status: ActionStatus,
    place: Place,
    options: FormAnswer = {},
    cycle: ActionCycleContext = {},
  ): ActionView {
    const mayUpdate = this.rules.mayUpdate(viewer, status);
    return actionView(
      this.rules.plan,
      action,
      status,
      this.viewContext(),
      {
        notice: options.notice,
        form: mayUpdate ? formFor(status, options.draft) : undefined,
        refreshUserIds: place === 'personal' ? [] : formViewers(status, viewer),
      },
      cycle,
    );
  }

  /** The read-only card everyone in a group conversation sees after a change. */
  shared(viewer: Person, action: PlanAction, status: ActionStatus): ActionView {
    return actionView(this.rules.plan, action, status, this.viewContext(), {
      refreshUserIds: formViewers(status, viewer),
    });
  }

  /**
   * The my-actions list (or a reminder's part of it) answered to a submit from one of its forms: every
   * entry drawn fresh, and the one acted on carrying the answer, so nothing else on the list is lost.
   */
  myActionsAnswer(
    viewer: Person,
    actionId: string,
    statuses: ReadonlyMap<string, ActionStatus>,
    list: FormList,
    answer: FormAnswer,
  ): MyActionsView {
    const { plan } = this.rules;
    const owns = (status: ActionStatus) => viewer.email !== undefined && isOwner(viewer, status);
    const view = myActionsView(plan, viewer.name, owns, statuses, this.viewContext(), {
      withForms: true,
      only: list === 'mine' ? undefined : new Set(list),
      intro: list === 'mine' ? undefined : REMINDER_ANSWER_INTRO,
    });
    const listed = view.actions.some((entry) => entry.id === actionId);
    const status = statuses.get(actionId);
    const action = findAction(plan, actionId);
    // An admin acting on a reminder for someone else's action, or an action that changed hands: keep it listed.
    if (!listed && status && action) {
      const [entry] = myActionsView(
        plan,
        viewer.name,
        status.ownerEmail ?? '',
        statuses,
        this.viewContext(),
        {
          withForms: true,
          only: new Set([actionId]),
        },
      ).actions;
      if (entry) view.actions.push(entry);
    }
    const mayUpdate = status !== undefined && this.rules.mayUpdate(viewer, status);
    view.actions = view.actions.map((entry) =>
      entry.id === actionId
        ? {
            ...entry,
            notice: answer.notice,
            form:
              entry.form && mayUpdate
                ? { ...entry.form, ...draftForm(answer.draft, entry.form.submitLabel) }
                : undefined,
          }
        : entry,
    );
    return view;
  }
}

/** What a form shows again: the person's own choice and words, and what stopped them being saved. */
export interface FormDraft {
  rag?: ActionStatus['rag'];
  note?: string;
  /** As typed in the form's other boxes; absent keeps what the form would show anyway. */
  impact?: string;
  evidenceLink?: string;
  correctiveAction?: string;
  submitLabel?: string;
  check?: { findings: string[]; note: string } & CheckedDetails;
}

export interface FormAnswer {
  notice?: { tone: Tone; text: string };
  draft?: FormDraft;
}

/** An action card as an answer. */
export function actionAnswer(view: ActionView, summary = `Action ${view.id}: ${view.title}`): Answer {
  return { summary, screen: { card: 'action', view } };
}

/** Teams refreshes at most 60 named users; the owner and the person acting are the ones who need the form. */
function formViewers(status: ActionStatus, viewer: Person | undefined): string[] | undefined {
  const ids = [status.ownerTeamsUserId, viewer?.teamsUserId].filter((id): id is string => !!id);
  return ids.length > 0 ? [...new Set(ids)].slice(0, 60) : undefined;
}

const REMINDER_ANSWER_INTRO = 'The actions from your reminder, as they stand now.';

function draftForm(draft: FormDraft | undefined, submitLabel: string) {
  if (!draft) return {};
  return {
    ...(draft.rag ? { selectedRag: draft.rag } : {}),
    draftNote: draft.note,
    ...draftDetails(draft),
    submitLabel: draft.submitLabel ?? submitLabel,
    check: draft.check,
  };
}

/** The boxes the person typed in, as they typed them. */
function draftDetails(draft: FormDraft) {
  return {
    ...(draft.impact !== undefined ? { draftImpact: draft.impact } : {}),
    ...(draft.evidenceLink !== undefined ? { draftEvidenceLink: draft.evidenceLink } : {}),
    ...(draft.correctiveAction !== undefined ? { draftCorrectiveAction: draft.correctiveAction } : {}),
  };
}

function formFor(status: ActionStatus, draft: FormDraft = {}) {
  return {
    baseVersion: status.version,
    selectedRag: draft.rag ?? (status.rag === 'not_started' ? undefined : status.rag),
    draftNote: draft.note,
    ...formDetails(status),
    ...draftDetails(draft),
    submitLabel: draft.submitLabel ?? (draft.check ? 'Save my rephrased note' : 'Save update'),
    check: draft.check,
  };
}
