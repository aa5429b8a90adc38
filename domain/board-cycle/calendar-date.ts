import { isIsoCalendarDate } from '../../plan/iso-calendar-date';
import { localDateOf, type LocalDate } from '../digest/local-calendar';
import type { Result } from '../result';

/** A date on the board's calendar, stored and passed around as YYYY-MM-DD. */
export type IsoDate = string;

export type DateReading = Result<{ date: IsoDate }>;

/** How far from today a typed date may be before it is taken for a slip of the keyboard. */
export interface DateWindow {
  /** Today on the board's calendar (see `todayIn`). */
  today: IsoDate;
  /** 10 when absent. */
  yearsBack?: number;
  /** 10 when absent. */
  yearsAhead?: number;
}

export const DEFAULT_WINDOW_YEARS = 10;
/** "31st of September 2027" is 22 characters; anything much longer is not a date. */
export const MAX_DATE_TEXT_LENGTH = 40;
export const DATE_FORMS_HINT = 'I read dates like 31 March 2027, 31/03/2027 or 2027-03-31.';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const MONTH_WORDS: ReadonlyMap<string, number> = new Map([
  ...MONTH_NAMES.map((name, index): [string, number] => [name.toLowerCase(), index + 1]),
  ...MONTH_NAMES.map((name, index): [string, number] => [name.slice(0, 3).toLowerCase(), index + 1]),
  ['sept', 9],
]);

const ISO_FORM = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
// Numeric dates are read day first, as written in the UK: 04/03/2027 is 4 March.
const NUMERIC_FORM = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const SHORT_YEAR_FORM = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/;
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.? (\d{4})$/;
const MONTH_DAY_YEAR = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)? (\d{4})$/;
const DAY_MONTH = /^(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)$/;
const MONTH_DAY = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?$/;

/**
 * A date as people type it after `due 5.1`: "31 March 2027", "31 Mar 2027", "1st April 2027", "March 31, 2027",
 * "2027-03-31", "31/03/2027" or "31.03.2027" (day first). Impossible dates and dates outside the window are
 * refused with a reason the person can act on.
 */
export function readTypedDate(typed: string, window: DateWindow): DateReading {
  if (typed.length > MAX_DATE_TEXT_LENGTH) return problem(`That is too long for a date. ${DATE_FORMS_HINT}`);
  // Commas and a closing full stop are how a sentence ends, not part of the date.
  const text = typed.toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ').trim().replace(/\.$/, '').trim();
  if (text === '') return problem(`Please give a date. ${DATE_FORMS_HINT}`);
  const parts = dateParts(text);
  if ('problem' in parts) return problem(parts.problem);
  return checkedDate(parts, window);
}

type DateParts = { year: number; month: number; day: number } | { problem: string };

function dateParts(text: string): DateParts {
  let match = ISO_FORM.exec(text);
  if (match) return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  match = NUMERIC_FORM.exec(text);
  if (match) {
    const [day, month] = [Number(match[1]), Number(match[2])];
    if (month > 12 && day <= 12) {
      return {
        problem: `I read numeric dates day first, as in 31/03/2027, and there is no month ${month}. ${DATE_FORMS_HINT}`,
      };
    }
    return { year: Number(match[3]), month, day };
  }
  if (SHORT_YEAR_FORM.test(text)) return { problem: 'Please write the year in full, as in 31/03/2027.' };
  match = DAY_MONTH_YEAR.exec(text);
  if (match) return withMonthWord(Number(match[3]), match[2], Number(match[1]));
  match = MONTH_DAY_YEAR.exec(text);
  if (match) return withMonthWord(Number(match[3]), match[1], Number(match[2]));
  const monthWithoutYear = DAY_MONTH.exec(text)?.[2] ?? MONTH_DAY.exec(text)?.[1];
  if (monthWithoutYear !== undefined && MONTH_WORDS.has(monthWithoutYear)) {
    return { problem: 'Please include the year, as in 31 March 2027.' };
  }
  return { problem: `I could not read that as a date. ${DATE_FORMS_HINT}` };
}

function withMonthWord(year: number, word: string, day: number): DateParts {
  const month = MONTH_WORDS.get(word);
  if (month === undefined) {
    return { problem: `I do not know the month "${word.slice(0, 12)}". ${DATE_FORMS_HINT}` };
  }
  return { year, month, day };
}

function checkedDate(parts: { year: number; month: number; day: number }, window: DateWindow): DateReading {
  const { year, month, day } = parts;
  if (month < 1 || month > 12) return problem(`There is no month ${month}. ${DATE_FORMS_HINT}`);
  const date = isoDateOf({ year, month, day });
  if (!isIsoCalendarDate(date)) {
    const monthName = MONTH_NAMES[month - 1];
    return problem(
      `${day} ${monthName} ${year} is not a date: ${monthName} ${year} has ${daysInMonth(year, month)} days.`,
    );
  }
  const today = readIsoDate(window.today);
  const yearsBack = window.yearsBack ?? DEFAULT_WINDOW_YEARS;
  const yearsAhead = window.yearsAhead ?? DEFAULT_WINDOW_YEARS;
  if (date < isoDateOf(yearsFrom(today, -yearsBack))) {
    return problem(`${formatCalendarDate(date)} is more than ${yearsBack} years ago; please check the year.`);
  }
  if (date > isoDateOf(yearsFrom(today, yearsAhead))) {
    return problem(
      `${formatCalendarDate(date)} is more than ${yearsAhead} years ahead; please check the year.`,
    );
  }
  return { ok: true, date };
}

function problem(text: string): DateReading {
  return { ok: false, problem: text };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The same day `years` later or earlier; 29 February becomes 28 February in other years. */
function yearsFrom(date: LocalDate, years: number): LocalDate {
  const year = date.year + years;
  return { year, month: date.month, day: Math.min(date.day, daysInMonth(year, date.month)) };
}

/** Today's date on the board's calendar. */
export function todayIn(now: Date, timeZone: string): IsoDate {
  return isoDateOf(localDateOf(now, timeZone));
}

/** YYYY-MM-DD: sorts and compares as text in date order (years 1000-9999). */
export function isoDateOf(date: LocalDate): IsoDate {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** The parts of a stored date; throws on text that is not one, as stored data that is not is a defect. */
export function readIsoDate(date: IsoDate): LocalDate {
  if (!isIsoCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date.slice(0, 40)}`);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** "31 March 2027". A calendar date has no zone, so no Intl is needed. */
export function formatCalendarDate(date: IsoDate): string {
  const { year, month, day } = readIsoDate(date);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}
