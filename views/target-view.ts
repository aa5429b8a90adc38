import type { ActionStatus } from '../domain/action-status';
import { formatCalendarDate } from '../domain/board-cycle/calendar-date';
import { describeTargetDistance } from '../domain/board-cycle/target-date';
import type { PlanAction } from '../plan/plan-schema';
import { leadOf, overdueText, targetDates } from './board-cycle-views';
import type { ViewContext } from './view-context';
import type { TargetView } from './view-models';

export { leadOf };

/** The action's target as the board reads it: the date now, the original beside a revision, how far off. */
export function targetView(
  action: PlanAction,
  status: ActionStatus,
  context: ViewContext,
): TargetView | undefined {
  const dates = targetDates(status, action.due);
  if (dates.current === undefined) return undefined;
  const complete = status.rag === 'complete';
  return {
    date: formatCalendarDate(dates.current),
    originalDate: dates.original === undefined ? undefined : formatCalendarDate(dates.original),
    distance: complete ? undefined : describeTargetDistance(dates.current, context.now, context.timeZone),
    overdue: overdueText(status.rag, dates, context) !== undefined,
  };
}
