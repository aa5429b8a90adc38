import type { Plan } from '../../plan/plan-schema';
import { statusOf, type ActionStatus } from '../action-status';
import type { RagStatus } from '../rag-status';
import { localDaysBetween } from './local-calendar';

export interface StaleAction {
  actionId: string;
  title: string;
  rag: RagStatus;
  ownerEmail?: string;
  ownerName?: string;
  /** Undefined when the action has never been updated. */
  daysSinceUpdate?: number;
}

/**
 * Actions not updated for `staleDays` calendar days on the board's calendar (so a fortnight is 14 days across
 * a clock change), or never updated; longest silent first. Completed actions need no more updates.
 */
export function staleActionsOf(
  plan: Plan,
  statuses: ReadonlyMap<string, ActionStatus>,
  options: { now: Date; staleDays: number; timeZone: string },
): StaleAction[] {
  const stale: StaleAction[] = [];
  for (const action of plan.priorities.flatMap((priority) => priority.actions)) {
    const status = statusOf(statuses, action.id);
    if (status.rag === 'complete') continue;
    const daysSinceUpdate =
      status.updatedAt === undefined
        ? undefined
        : localDaysBetween(new Date(status.updatedAt), options.now, options.timeZone);
    if (daysSinceUpdate !== undefined && daysSinceUpdate < options.staleDays) continue;
    stale.push({
      actionId: action.id,
      title: action.title,
      rag: status.rag,
      ownerEmail: status.ownerEmail,
      ownerName: status.ownerName,
      daysSinceUpdate,
    });
  }
  return stale.sort(longestSilentFirst);
}

function longestSilentFirst(a: StaleAction, b: StaleAction): number {
  if (a.daysSinceUpdate === b.daysSinceUpdate) return 0;
  if (a.daysSinceUpdate === undefined) return -1;
  if (b.daysSinceUpdate === undefined) return 1;
  return b.daysSinceUpdate - a.daysSinceUpdate;
}
