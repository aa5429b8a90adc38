import { DAY_MS, dayAfter, dayNumber } from '../days';
import { localDateOf } from '../digest/local-calendar';
import {
  formatCalendarDate,
  readIsoDate,
  readTypedDate,
  type DateWindow,
  type IsoDate,
} from './calendar-date';
import type { Result } from '../result';

/** Whole days on the board's calendar, both ends included; no `to` means up to now. */
export interface DatePeriod {
  from: IsoDate;
  to?: IsoDate;
}

export type DatePeriodReading = Result<{ period: DatePeriod }>;

/** Two dates and the words between them; longer text is not a period. */
export const MAX_PERIOD_TEXT_LENGTH = 100;
export const PERIOD_FORMS_HINT =
  'I read periods like "since 1 April 2026" or "from 1 Jan 2026 to 31 Mar 2026".';

const OPENING = /^(since|from|between) (.+)$/;
// Any opening may have an end ("since … to …" reads as "from … to …"). Spaces on both sides, so
// "October" is never split at its "to".
const CLOSINGS = [' to ', ' until ', ' till ', ' and '] as const;

/**
 * The period after `history 5.1`: "since 1 April 2026", "from 1 April 2026", "from 1 Jan 2026 to 31 Mar 2026"
 * (also "until", "between … and …"). A period may not start after today, nor end before it starts.
 */
export function readDatePeriod(typed: string, window: DateWindow): DatePeriodReading {
  if (typed.length > MAX_PERIOD_TEXT_LENGTH) {
    return refuse(`That is too long for a period. ${PERIOD_FORMS_HINT}`);
  }
  const text = typed.trim().toLowerCase().replace(/\s+/g, ' ');
  const opening = OPENING.exec(text);
  if (!opening) return refuse(PERIOD_FORMS_HINT);
  const [, word, rest] = opening;
  const closing = CLOSINGS.find((candidate) => rest.includes(candidate));
  const at = closing === undefined ? rest.length : rest.indexOf(closing);
  const from = readTypedDate(rest.slice(0, at), window);
  if (!from.ok) return refuse(from.problem);
  if (from.date > window.today) {
    return refuse(
      `${formatCalendarDate(from.date)} is after today, so there is nothing to show from it yet.`,
    );
  }
  if (closing === undefined) {
    if (word === 'between') {
      return refuse('Please give both ends, as in "between 1 Jan 2026 and 31 Mar 2026".');
    }
    return { ok: true, period: { from: from.date } };
  }
  const to = readTypedDate(rest.slice(at + closing.length), window);
  if (!to.ok) return refuse(to.problem);
  if (to.date < from.date) {
    return refuse(
      `The period ends on ${formatCalendarDate(to.date)}, before it starts on ${formatCalendarDate(from.date)}.`,
    );
  }
  return { ok: true, period: { from: from.date, to: to.date } };
}

function refuse(problem: string): DatePeriodReading {
  return { ok: false, problem };
}

/** The instants a period covers in the zone: from the first moment of `from` up to (not including) the day after `to`. */
export function periodInstants(period: DatePeriod, timeZone: string): { startsAt: Date; endsBefore?: Date } {
  const startsAt = startOfLocalDay(period.from, timeZone);
  if (period.to === undefined) return { startsAt };
  return { startsAt, endsBefore: startOfLocalDay(dayAfter(period.to), timeZone) };
}

const HOUR_MS = 60 * 60 * 1000;
/** Every zone's offset lies between -12 and +14 hours, so the day starts within this far of its UTC midnight. */
const SEARCH_MARGIN_MS = 15 * HOUR_MS;

/**
 * The first instant of a calendar day in the zone. Found by bisecting on the zone's own calendar (Intl), so it is
 * right across clock changes, including zones where a clock change skips midnight, with no offsets written here.
 */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  const target = dayNumber(readIsoDate(date));
  const utcMidnight = target * DAY_MS;
  let before = utcMidnight - SEARCH_MARGIN_MS;
  let onOrAfter = utcMidnight + SEARCH_MARGIN_MS;
  while (onOrAfter - before > 1) {
    const middle = Math.floor((before + onOrAfter) / 2);
    if (dayNumber(localDateOf(new Date(middle), timeZone)) >= target) onOrAfter = middle;
    else before = middle;
  }
  return new Date(onOrAfter);
}
