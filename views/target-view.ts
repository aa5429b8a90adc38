import type { ActionStatus } from '../domain/action-status';
import { formatCalendarDate } from '../domain/board-cycle/calendar-date';
import { currentTargetDate, daysOverdue, describeTargetDistance } from '../domain/board-cycle/target-date';
import type { PlanAction } from '../plan/plan-schema';
import type { ViewContext } from './view-context';
import type { TargetView } from './view-models';

/** The action's target as the board reads it: the date now, the original beside a revision, how far off. */
export function targetView(
  action: PlanAction,
  status: ActionStatus,
  context: ViewContext,
): TargetView | undefined {
  const current = currentTargetDate({ ...status, planDue: action.due });
  if (current === undefined) return undefined;
  const original = status.targetDate ?? action.due;
  const complete = status.rag === 'complete';
  return {
    date: formatCalendarDate(current),
    originalDate: original !== undefined && original !== current ? formatCalendarDate(original) : undefined,
    distance: complete ? undefined : describeTargetDistance(current, context.now, context.timeZone),
    overdue: !complete && daysOverdue(current, context.now, context.timeZone) !== undefined,
  };
}

/** The lead agency now: the one set with `lead`, else the plan file's. */
export function leadOf(action: PlanAction, status: ActionStatus): string | undefined {
  return status.leadAgency ?? action.lead;
}
