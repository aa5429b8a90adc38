import type { TurnContext } from 'botbuilder';
import { buildActionCard, buildMyActionsCard, type AdaptiveCardJson, type FormList } from '../cards';
import type { Tone } from '../cards/view-models';
import type { ActionStatus } from '../domain/action-status';
import type { Person } from '../domain/person';
import { findAction } from '../domain/plan-lookup';
import { actionView, myActionsView } from '../domain/views/action-views';
import type { PlanAction } from '../plan/plan-schema';
import type { BotDependencies } from './bot-dependencies';

export function isPersonalChat(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'personal';
}

/**
 * The action card as this viewer should see it. In a personal chat the card is theirs alone, so it carries
 * the form when they may update. In a group chat or channel the posted card is read-only for everyone and
 * Teams asks the bot (refresh) for the form on behalf of the people listed, one at a time.
 */
export function actionCardFor(
  deps: BotDependencies,
  context: TurnContext,
  viewer: Person,
  action: PlanAction,
  status: ActionStatus,
  notice?: { tone: Tone; text: string },
): AdaptiveCardJson {
  const mayUpdate = deps.statusService.mayUpdate(viewer, status);
  const personal = isPersonalChat(context);
  const refreshUserIds = personal ? [] : formViewers(status, mayUpdate ? viewer : undefined);
  return buildActionCard(
    actionView(deps.plan, action, status, viewContext(deps), {
      notice,
      form: personal && mayUpdate ? formFor(status) : undefined,
      refreshUserIds,
    }),
  );
}

/** What a form shows again: the person's own choice and words, and what stopped them being saved. */
export interface FormDraft {
  rag?: ActionStatus['rag'];
  note?: string;
  submitLabel?: string;
  check?: { findings: string[]; note: string };
}

export interface FormAnswer {
  notice?: { tone: Tone; text: string };
  draft?: FormDraft;
}

/** The card a refresh or a form submit returns to one person: their own view, with the form if they may update. */
export function personalActionCard(
  deps: BotDependencies,
  context: TurnContext,
  viewer: Person,
  action: PlanAction,
  status: ActionStatus,
  options: FormAnswer = {},
): AdaptiveCardJson {
  const mayUpdate = deps.statusService.mayUpdate(viewer, status);
  const personal = isPersonalChat(context);
  return buildActionCard(
    actionView(deps.plan, action, status, viewContext(deps), {
      notice: options.notice,
      form: mayUpdate ? formFor(status, options.draft) : undefined,
      refreshUserIds: personal ? [] : formViewers(status, viewer),
    }),
  );
}

/** The read-only card everyone in a group conversation sees after a change. */
export function sharedActionCard(
  deps: BotDependencies,
  viewer: Person,
  action: PlanAction,
  status: ActionStatus,
): AdaptiveCardJson {
  return buildActionCard(
    actionView(deps.plan, action, status, viewContext(deps), {
      refreshUserIds: formViewers(status, viewer),
    }),
  );
}

/** Teams refreshes at most 60 named users; the owner and the person acting are the ones who need the form. */
function formViewers(status: ActionStatus, viewer: Person | undefined): string[] | undefined {
  const ids = [status.ownerTeamsUserId, viewer?.teamsUserId].filter((id): id is string => !!id);
  return ids.length > 0 ? [...new Set(ids)].slice(0, 60) : undefined;
}

/**
 * The my-actions list (or a reminder's part of it) answered to a submit from one of its forms: every entry
 * drawn fresh, and the one acted on carrying the answer, so nothing else on the list is lost.
 */
export function myActionsAnswerCard(
  deps: BotDependencies,
  viewer: Person,
  actionId: string,
  statuses: ReadonlyMap<string, ActionStatus>,
  list: FormList,
  answer: FormAnswer,
): AdaptiveCardJson {
  const view = myActionsView(deps.plan, viewer.name, viewer.email ?? '', statuses, viewContext(deps), {
    withForms: true,
    only: list === 'mine' ? undefined : new Set(list),
    intro: list === 'mine' ? undefined : REMINDER_ANSWER_INTRO,
  });
  const listed = view.actions.some((entry) => entry.id === actionId);
  const status = statuses.get(actionId);
  const action = findAction(deps.plan, actionId);
  // An admin acting on a reminder for someone else's action, or an action that changed hands: keep it listed.
  if (!listed && status && action) {
    const [entry] = myActionsView(
      deps.plan,
      viewer.name,
      status.ownerEmail ?? '',
      statuses,
      viewContext(deps),
      {
        withForms: true,
        only: new Set([actionId]),
      },
    ).actions;
    if (entry) view.actions.push(entry);
  }
  const mayUpdate = status !== undefined && deps.statusService.mayUpdate(viewer, status);
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
  return buildMyActionsCard(view);
}

const REMINDER_ANSWER_INTRO = 'The actions from your reminder, as they stand now.';

function draftForm(draft: FormDraft | undefined, submitLabel: string) {
  if (!draft) return {};
  return {
    ...(draft.rag ? { selectedRag: draft.rag } : {}),
    draftNote: draft.note,
    submitLabel: draft.submitLabel ?? submitLabel,
    check: draft.check,
  };
}

function formFor(status: ActionStatus, draft: FormDraft = {}) {
  return {
    baseVersion: status.version,
    selectedRag: draft.rag ?? (status.rag === 'not_started' ? undefined : status.rag),
    draftNote: draft.note,
    submitLabel: draft.submitLabel ?? (draft.check ? 'Save my rephrased note' : 'Save update'),
    check: draft.check,
  };
}

function viewContext(deps: BotDependencies) {
  return { now: deps.clock(), timeZone: deps.timeZone };
}
