import type { TurnContext } from 'botbuilder';
import { buildActionCard, type AdaptiveCardJson } from '../cards';
import type { Tone } from '../cards/view-models';
import type { ActionStatus } from '../domain/action-status';
import type { Person } from '../domain/person';
import { actionView } from '../domain/views/action-views';
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

/** The card a refresh or a form submit returns to one person: their own view, with the form if they may update. */
export function personalActionCard(
  deps: BotDependencies,
  context: TurnContext,
  viewer: Person,
  action: PlanAction,
  status: ActionStatus,
  options: {
    notice?: { tone: Tone; text: string };
    draft?: { rag?: ActionStatus['rag']; note?: string; submitLabel?: string };
  } = {},
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

function formFor(
  status: ActionStatus,
  draft: { rag?: ActionStatus['rag']; note?: string; submitLabel?: string } = {},
) {
  return {
    baseVersion: status.version,
    selectedRag: draft.rag ?? (status.rag === 'not_started' ? undefined : status.rag),
    draftNote: draft.note,
    submitLabel: draft.submitLabel ?? 'Save update',
  };
}

function viewContext(deps: BotDependencies) {
  return { now: deps.clock(), timeZone: deps.timeZone };
}
