import { addDays, dayNumber } from '../days';
import { isoWeekday, localDateOf, type LocalDate } from './local-calendar';

/** An ISO 8601 week: Monday to Sunday, numbered within the year that holds its Thursday. */
export interface IsoWeek {
  year: number;
  week: number;
  monday: LocalDate;
  sunday: LocalDate;
}

/** The ISO week of the board's local calendar date at that instant (so Monday 00:30 is the new week). */
export function isoWeek(instant: Date, timeZone: string): IsoWeek {
  const date = localDateOf(instant, timeZone);
  const monday = addDays(date, -isoWeekday(date));
  const thursday = addDays(monday, 3);
  const dayOfYear = dayNumber(thursday) - dayNumber({ year: thursday.year, month: 1, day: 1 });
  return { year: thursday.year, week: Math.floor(dayOfYear / 7) + 1, monday, sunday: addDays(monday, 6) };
}

/** e.g. "2026-W48" */
export function isoWeekOf(instant: Date, timeZone: string): string {
  const { year, week } = isoWeek(instant, timeZone);
  return `${year}-W${String(week).padStart(2, '0')}`;
}
