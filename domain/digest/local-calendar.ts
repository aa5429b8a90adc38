import { dayNumber, type CalendarDay } from '../days';
import { zonedDateFormat } from '../zoned-date-format';

/** A date on the board's wall calendar: no time, no zone. */
export type LocalDate = CalendarDay;

/** The date on the calendar in the zone at that instant. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const parts: Record<string, number> = {};
  for (const part of zonedDateFormat('calendarDate', timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day };
}

/**
 * Calendar days in the zone from `then` to `now` (0 if `then` is later): Monday 12 Oct to Monday 26 Oct is
 * 14 whatever the hour of each and whether or not the clocks changed in between.
 */
export function localDaysBetween(then: Date, now: Date, timeZone: string): number {
  return Math.max(0, dayNumber(localDateOf(now, timeZone)) - dayNumber(localDateOf(then, timeZone)));
}

/** 0 for Monday … 6 for Sunday. */
export function isoWeekday(date: LocalDate): number {
  return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
}
