import type { Result } from '../result';
import { periodInstants } from '../board-cycle/date-period';
import type { IsoDate } from '../board-cycle/calendar-date';

/** A reporting year: "2026-27" runs from the first day of the start month in 2026 to the day before it in 2027. */
export interface ReportYear {
  /** "2026-27". */
  label: string;
  firstDay: IsoDate;
  lastDay: IsoDate;
  /** The first instant of the first day, and the first instant after the last day, on the board's clock. */
  startsAt: Date;
  endsBefore: Date;
}

export type ReportYearReading = Result<{ year: ReportYear }>;

export const REPORT_YEAR_HINT = 'Write the year like 2026-27.';

/** Reads "2026-27", "2026/27" or "2026-2027" (the second year must follow the first). */
export function readReportYear(typed: string, startMonth: number, timeZone: string): ReportYearReading {
  const match = /^\s*(\d{4})\s*[-/–]\s*(\d{2}|\d{4})\s*$/.exec(typed.slice(0, 40));
  if (!match) return { ok: false, problem: `"${typed.slice(0, 40)}" is not a year. ${REPORT_YEAR_HINT}` };
  const first = Number(match[1]);
  const second = Number(match[2]);
  const follows = match[2].length === 2 ? second === (first + 1) % 100 : second === first + 1;
  const typedYear = `${match[1]}-${match[2]}`;
  if (!follows)
    return { ok: false, problem: `${typedYear} is not one year after another. ${REPORT_YEAR_HINT}` };
  // The plan's sane range (no date before 2000 or after 2100), as for the board pack's dates.
  if (first < FIRST_YEAR || first + 1 > LAST_YEAR)
    return {
      ok: false,
      problem: `${typedYear} is outside the years the bot keeps: a reporting year is between ${label(FIRST_YEAR)} and ${label(LAST_YEAR - 1)}.`,
    };
  return { ok: true, year: reportYear(first, startMonth, timeZone) };
}

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** "2026-27" for the year that starts in 2026. */
function label(firstYear: number): string {
  return `${firstYear}-${String((firstYear + 1) % 100).padStart(2, '0')}`;
}

/** The year starting on the first of `startMonth` in `firstYear`, its bounds on the board's clock. */
export function reportYear(firstYear: number, startMonth: number, timeZone: string): ReportYear {
  const month = String(startMonth).padStart(2, '0');
  const firstDay = `${firstYear}-${month}-01`;
  const nextStart = `${firstYear + 1}-${month}-01`;
  const lastDay = new Date(Date.parse(`${nextStart}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const { startsAt, endsBefore } = periodInstants({ from: firstDay, to: lastDay }, timeZone);
  return {
    label: label(firstYear),
    firstDay,
    lastDay,
    startsAt,
    endsBefore: endsBefore as Date,
  };
}

/** As at the year's end once it is over; as at now, a draft, while it runs. Refuses a year not yet begun. */
export function reportAsAt(year: ReportYear, now: Date): Result<{ asAt: Date; draft: boolean }> {
  if (now.getTime() < year.startsAt.getTime())
    return { ok: false, problem: `The year ${year.label} has not begun: it starts on ${year.firstDay}.` };
  if (now.getTime() >= year.endsBefore.getTime())
    return { ok: true, asAt: new Date(year.endsBefore.getTime() - 1), draft: false };
  return { ok: true, asAt: now, draft: true };
}
