import { dayNumber } from '../days';
import { localDateOf } from '../digest/local-calendar';
import { readIsoDate, type IsoDate } from './calendar-date';
import { plural } from '../wording';

/**
 * Calendar days from today to the target on the board's calendar: 3 when it is due in three days, 0 on the day,
 * -12 when it passed twelve days ago. Counted in days, not hours, so a clock change in between does not matter.
 */
export function daysUntilTarget(target: IsoDate, now: Date, timeZone: string): number {
  return dayNumber(readIsoDate(target)) - dayNumber(localDateOf(now, timeZone));
}

/**
 * Whole days past the target (1 on the day after it), or undefined when it has not passed. Only the date:
 * whether a complete action counts as overdue is the caller's rule (it does not).
 */
export function daysOverdue(target: IsoDate, now: Date, timeZone: string): number | undefined {
  const days = -daysUntilTarget(target, now, timeZone);
  return days > 0 ? days : undefined;
}

/** "overdue by 12 days", "overdue by 1 day", "due today", "due tomorrow", "due in 3 days". */
export function describeTargetDistance(target: IsoDate, now: Date, timeZone: string): string {
  const days = daysUntilTarget(target, now, timeZone);
  if (days < 0) return `overdue by ${plural(-days, 'day')}`;
  if (days === 0) return 'due today';
  if (days === 1) return 'due tomorrow';
  return `due in ${plural(days, 'day')}`;
}

/** The date the action is now held to: the latest revision, else the first target set, else the plan's. */
export function currentTargetDate(dates: {
  revisedTargetDate?: IsoDate;
  targetDate?: IsoDate;
  planDue?: IsoDate;
}): IsoDate | undefined {
  return dates.revisedTargetDate ?? dates.targetDate ?? dates.planDue;
}
