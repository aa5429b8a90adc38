import type { Result } from '../domain/result';
import {
  formatCalendarDate,
  readTypedDate,
  todayIn,
  type IsoDate,
} from '../domain/board-cycle/calendar-date';
import { startOfLocalDay } from '../domain/board-cycle/date-period';
import { dayAfter } from '../domain/days';
import { isIsoCalendarDate } from '../plan/iso-calendar-date';

/** What a board pack covers; the same params give the same files however much later they are asked for. */
export interface BoardPackParams {
  /** ISO 8601 instant: statuses as they stood then; no change after it is in the pack. */
  asAt: string;
  /** YYYY-MM-DD, both days included, on the board's calendar. */
  from: string;
  to: string;
  /** ISO 8601 instant the pack was asked for, shown as "generated at"; the as-at when absent. */
  requestedAt?: string;
}

export interface TypedPackDates {
  from?: string;
  to?: string;
  /** A day: the pack is as the plan stood at the end of it (or now, for today). */
  asAt?: string;
}

export type PackDatesReading = Result<{ asAt: Date; from?: IsoDate; to: IsoDate }>;

/**
 * The typed as-at day and period, read against today on the board's calendar. The as-at is the end of
 * its day (now for today); `to` defaults to the as-at day and may not be after it, as later changes are
 * not in the pack; `from` may not be after `to`. `from` is left undefined for the caller's default.
 */
export function readPackDates(typed: TypedPackDates, now: Date, timeZone: string): PackDatesReading {
  const today = todayIn(now, timeZone);
  const window = { today };
  let asAt = now;
  let asAtDay = today;
  if (typed.asAt !== undefined) {
    const read = readTypedDate(typed.asAt, window);
    if (!read.ok) return read;
    if (read.date > today)
      return refuse(`${formatCalendarDate(read.date)} is after today: I can only show the plan as it stood.`);
    asAtDay = read.date;
    if (read.date < today) asAt = endOfDay(read.date, timeZone);
  }
  let to = asAtDay;
  if (typed.to !== undefined) {
    const read = readTypedDate(typed.to, window);
    if (!read.ok) return read;
    if (read.date > asAtDay) {
      return refuse(
        `The period ends on ${formatCalendarDate(read.date)}, after the as-at date ${formatCalendarDate(asAtDay)}; end it on or before then.`,
      );
    }
    to = read.date;
  }
  if (typed.from === undefined) return { ok: true, asAt, to };
  const from = readTypedDate(typed.from, window);
  if (!from.ok) return from;
  if (from.date > to) {
    return refuse(
      `The period starts on ${formatCalendarDate(from.date)}, after it ends on ${formatCalendarDate(to)}.`,
    );
  }
  return { ok: true, asAt, from: from.date, to };
}

/**
 * Params that came back from outside (a consent card's context): checked by the same rules as a typed
 * request, never trusted. An as-at in the future, or a period that ends after it, is not a pack the bot
 * would have offered.
 */
/** No plan of this board is dated outside these years; a context that is, was made up. */
const SANE_YEARS = { first: 2000, last: 2100 };

function inSaneYears(time: number): boolean {
  if (Number.isNaN(time)) return false;
  const year = new Date(time).getUTCFullYear();
  return year >= SANE_YEARS.first && year <= SANE_YEARS.last;
}

export function checkedParams(params: BoardPackParams, now: Date, timeZone: string): BoardPackParams {
  const instant = (text: string | undefined) => text === undefined || inSaneYears(Date.parse(text));
  const day = (text: string) => isIsoCalendarDate(text) && inSaneYears(Date.parse(`${text}T12:00:00Z`));
  const valid =
    instant(params.asAt) &&
    instant(params.requestedAt) &&
    day(params.from) &&
    day(params.to) &&
    params.from <= params.to &&
    Date.parse(params.asAt) <= now.getTime() &&
    (params.requestedAt === undefined || Date.parse(params.requestedAt) <= now.getTime()) &&
    params.to <= todayIn(new Date(params.asAt), timeZone);
  if (!valid) throw new RangeError('not a board pack: as-at or period is not valid');
  return params;
}

/** The last instant of a day on the board's calendar. */
export function endOfDay(date: IsoDate, timeZone: string): Date {
  return new Date(startOfLocalDay(dayAfter(date), timeZone).getTime() - 1);
}

function refuse(problem: string): PackDatesReading {
  return { ok: false, problem };
}
