import { statusOf, type ActionStatus } from '../domain/action-status';
import { priorityOfAction } from '../domain/plan-lookup';
import { formatBoardTime, timeAgo, wholeDaysBetween } from '../domain/relative-time';
import type { HistoryPage } from '../domain/status-service';
import type { Plan, PlanAction } from '../plan/plan-schema';
import { actionCycleView } from './board-cycle-views';
import { ownerLabel, statusView, type ViewContext } from './view-context';
import type { ActionView, HistoryView, MyActionsView, StatusFormView, Tone } from './view-models';

export interface ActionViewOptions {
  /** Present when the viewer may update: the form to draw. */
  form?: StatusFormView;
  notice?: { tone: Tone; text: string };
  refreshUserIds?: string[];
}

export function actionView(
  plan: Plan,
  action: PlanAction,
  status: ActionStatus,
  context: ViewContext,
  options: ActionViewOptions = {},
): ActionView {
  const priority = priorityOfAction(plan, action.id);
  return {
    id: action.id,
    title: action.title,
    description: action.description,
    priorityNumber: priority?.number ?? 0,
    priorityTitle: priority?.title ?? '',
    owner: ownerLabel(status),
    status: statusView(status, context),
    // Direction of travel needs the previous digest, which the action card's use cases do not read yet.
    cycle: actionCycleView(action, status, undefined, context),
    ...options,
  };
}

export function myActionsView(
  plan: Plan,
  ownerName: string,
  ownerEmail: string,
  statuses: ReadonlyMap<string, ActionStatus>,
  context: ViewContext,
  options: { withForms: boolean; only?: ReadonlySet<string>; intro?: string } = { withForms: false },
): MyActionsView {
  const actions = plan.priorities.flatMap((priority) =>
    priority.actions
      .map((action) => ({ action, status: statusOf(statuses, action.id) }))
      .filter(
        ({ action, status }) =>
          status.ownerEmail === ownerEmail && (!options.only || options.only.has(action.id)),
      )
      .map(({ action, status }) => ({
        id: action.id,
        title: action.title,
        owner: ownerLabel(status),
        status: statusView(status, context),
        priorityNumber: priority.number,
        ageDays: status.updatedAt ? wholeDaysBetween(new Date(status.updatedAt), context.now) : undefined,
        form: options.withForms
          ? {
              baseVersion: status.version,
              selectedRag: status.rag === 'not_started' ? undefined : status.rag,
              submitLabel: `Save ${action.id}`,
            }
          : undefined,
      })),
  );
  return { ownerName, actions, intro: options.intro, list: options.only ? [...options.only] : 'mine' };
}

/** One page of an action's history; admins get a Redact button on each change that still holds a note. */
export function historyView(
  history: HistoryPage,
  context: ViewContext,
  options: { canRedact: boolean },
): HistoryView {
  const { action, page, pages, changes } = history;
  const lastShown = history.entries.at(-1)?.version ?? changes + 1;
  return {
    actionId: action.id,
    actionTitle: action.title,
    page,
    pages,
    older: Math.max(0, lastShown - 1),
    olderCommand: page < pages ? `history ${action.id} page ${page + 1}` : undefined,
    newerCommand: page > 1 ? `history ${action.id} page ${page - 1}` : undefined,
    entries: history.entries.map((entry) => {
      const at = new Date(entry.at);
      const common = {
        number: entry.version,
        when: formatBoardTime(at, context.timeZone),
        ago: timeAgo(at, context.now),
        who: entry.byName,
      };
      switch (entry.kind) {
        case 'owner':
          return { ...common, kind: 'owner' as const, newOwner: entry.ownerEmail };
        case 'redaction':
          return {
            ...common,
            kind: 'redaction' as const,
            redactedNumber: entry.redactsVersion,
            reason: entry.reason,
          };
        case 'status':
          return {
            ...common,
            kind: 'status' as const,
            from: entry.fromRag,
            to: entry.toRag,
            note: entry.note,
            redactable: options.canRedact && !entry.redacted && !!entry.note,
          };
      }
    }),
  };
}
