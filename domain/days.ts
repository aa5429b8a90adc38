/** Day arithmetic on the wall calendar: the one place that knows how long a day is. */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date without time or zone; `month` is 1–12. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** Whole days since 1 January 1970: the difference of two is the days between them, clock changes or not. */
export function dayNumber({ year, month, day }: CalendarDay): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The date `days` later (earlier when negative). */
export function addDays(date: CalendarDay, days: number): CalendarDay {
  const moved = new Date((dayNumber(date) + days) * DAY_MS);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** The day after a YYYY-MM-DD date, as YYYY-MM-DD. */
export function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}
