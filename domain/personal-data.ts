/**
 * Spots what in a status note looks as though it identifies a child or family, so the bot can ask before
 * storing it. A nudge, not a filter: the owner may still store the note as written. Leans towards asking,
 * except where a rule would fire on ordinary plan notes (phone numbers, meeting dates, district codes).
 * Every rule reads the same normalised text (see personalDataText), however the note arrived.
 */

import { personalDataText } from './note-text';

export const NHS_NUMBER_FINDING = 'an NHS number';
export const DATE_OF_BIRTH_FINDING = 'a date of birth';
export const POSTCODE_FINDING = 'a full postcode';

/** Longest text the check reads at once; longer texts are read in overlapping windows of this size. */
const WINDOW = 2_000;
const OVERLAP = 80;
/** No text the bot accepts is anywhere near this long; past it, the rest is not read (bounded work). */
export const MAX_CHECKED_LENGTH = 40_000;

/** Human descriptions, in a fixed order, of each kind of personal data found in the note. */
export function findPersonalData(note: string, now: Date): string[] {
  // Bounded before any pattern runs: normalising and matching never see more than one window.
  const bounded = note.length > MAX_CHECKED_LENGTH ? note.slice(0, MAX_CHECKED_LENGTH) : note;
  const found = new Set<string>();
  for (let start = 0; start < bounded.length || start === 0; start += WINDOW - OVERLAP) {
    const text = personalDataText(bounded.slice(start, start + WINDOW));
    if (containsNhsNumber(text)) found.add(NHS_NUMBER_FINDING);
    if (containsDateOfBirth(text, now)) found.add(DATE_OF_BIRTH_FINDING);
    if (containsFullPostcode(text)) found.add(POSTCODE_FINDING);
    if (start + WINDOW >= bounded.length) break;
  }
  return [NHS_NUMBER_FINDING, DATE_OF_BIRTH_FINDING, POSTCODE_FINDING].filter((finding) =>
    found.has(finding),
  );
}

// 10 digits, run together or grouped 3-3-4 with whatever people put between the groups: a space (any kind:
// the text is normalised), hyphen, dot or slash, with or without spaces round it. A digit just before the
// number means it is the tail of something longer (a phone number with its area code, say).
const GAP = '(?: ?[./-] ?| )?';
const NHS_NUMBER = new RegExp(
  `(?<!\\d)(?<!\\d ?[ ./-])(?<!\\+)(\\d{3})${GAP}(\\d{3})${GAP}(\\d{4})(?!\\d)(?! ?[./-] ?\\d)`,
  'g',
);

export function containsNhsNumber(text: string): boolean {
  for (const match of text.matchAll(NHS_NUMBER)) {
    if (hasValidNhsCheckDigit(match[1] + match[2] + match[3])) return true;
  }
  return false;
}

/** The NHS number's Modulus 11 check: most 10-digit numbers (phone numbers included) fail it. */
export function hasValidNhsCheckDigit(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < 9; index++) {
    sum += Number(digits[index]) * (10 - index);
  }
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const ORDINAL = '(?:st|nd|rd|th)?';
// Separators and surrounding characters that would make a "date" part of a version number or a path.
const NUMERIC_START = '(?<![\\w./-])';
const NUMERIC_END = '(?![\\w/-]|\\.\\d)';

const FULL_DATE_PATTERNS: readonly RegExp[] = [
  // 12/03/2015, 12-03-15, 12.3.2015, 12 03 2015, 12 / 03 / 2015 (UK order)
  new RegExp(
    `${NUMERIC_START}(?<day>\\d{1,2})(?<separator> ?[/.-] ?| )(?<month>\\d{1,2})\\k<separator>(?<year>\\d{4}|\\d{2})${NUMERIC_END}`,
    'gi',
  ),
  // 2015-03-12, 2015/03/12, 2015.03.12, 2015 03 12
  new RegExp(
    `${NUMERIC_START}(?<year>\\d{4})(?<separator> ?[/.-] ?| )(?<month>\\d{1,2})\\k<separator>(?<day>\\d{1,2})${NUMERIC_END}`,
    'gi',
  ),
  // 3 March 2015, 3rd of Mar 2015
  new RegExp(
    `\\b(?<day>\\d{1,2})${ORDINAL}(?:\\s+of)?\\s+(?<monthName>${MONTH}),?\\s+(?<year>\\d{4})\\b`,
    'gi',
  ),
  // March 3, 2015
  new RegExp(`\\b(?<monthName>${MONTH})\\s+(?<day>\\d{1,2})${ORDINAL},?\\s+(?<year>\\d{4})\\b`, 'gi'),
];

// Next to "DOB" or "born", a partial date is enough: "born March 2015", "DOB 12/03".
const ANY_DATE = [
  `\\d{1,2} ?[/.-] ?\\d{1,2}(?: ?[/.-] ?\\d{2,4})?`,
  `\\d{1,2} \\d{1,2} \\d{4}`,
  `\\d{4} ?[/. -] ?\\d{1,2} ?[/. -] ?\\d{1,2}`,
  `\\d{1,2}${ORDINAL}(?:\\s+of)?\\s+${MONTH}(?:,?\\s+\\d{4})?`,
  `${MONTH}\\s+\\d{1,2}${ORDINAL}(?:,?\\s+\\d{4})?`,
  `${MONTH},?\\s+\\d{4}`,
  `(?:19|20)\\d{2}`,
]
  .map((pattern) => `(?:${pattern})(?!\\w)`)
  .join('|');
const DOB_ABBREVIATION = '\\bd\\.?\\s?o\\.?\\s?b\\b\\.?';
const BIRTH_WORDS = `(?:${DOB_ABBREVIATION}|\\bdate\\s+of\\s+birth\\b|\\bborn\\b)`;
const DATE_AFTER_BIRTH_WORD = new RegExp(
  `${BIRTH_WORDS}\\s*(?:[:=–-]\\s*)?(?:(?:is|was|on|in|the)\\s+)*(?<![\\d/.-])(?:${ANY_DATE})`,
  'i',
);
const DATE_BEFORE_DOB = new RegExp(
  `(?<![\\w/.-])(?:${ANY_DATE})\\s*[,;(\\[]?\\s*(?:${DOB_ABBREVIATION}|\\bdate\\s+of\\s+birth\\b)`,
  'i',
);

// A full date right after one of these is when something happens ("audit on 12/03/2019", "meeting
// 3 May 2018", "Monday 4 June 2018"), which is most dates in a plan note.
const EVENT_CONTEXT = new RegExp(
  '(?:\\b(?:on|by|from|since|until|till|to|before|after|dated|due|for|at|in|of|between|and|during|w/c|wc|week' +
    '|meeting|audit|review|panel|conference|session|training|event|report|deadline|workshop|visit|board' +
    '|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?))[\\s,:.]*(?:the\\s+)?$',
  'i',
);

const CHILDHOOD_YEARS = 18;

export function containsDateOfBirth(text: string, now: Date): boolean {
  if (DATE_AFTER_BIRTH_WORD.test(text) || DATE_BEFORE_DOB.test(text)) return true;
  for (const pattern of FULL_DATE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const groups = match.groups ?? {};
      // "1.2.15" is more often a version than a date; with dots or spaces, only a four-digit year counts.
      const separator = groups.separator?.trim();
      if ((separator === '.' || separator === '') && groups.year?.length === 2) continue;
      const date = toDate(groups, now);
      if (!date || !isWithinChildhood(date, now)) continue;
      const before = text.slice(Math.max(0, (match.index ?? 0) - 30), match.index);
      if (!EVENT_CONTEXT.test(before)) return true;
    }
  }
  return false;
}

const MONTH_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function toDate(groups: Record<string, string | undefined>, now: Date): Date | undefined {
  const day = Number(groups.day);
  const month = groups.monthName
    ? MONTH_PREFIXES.indexOf(groups.monthName.slice(0, 3).toLowerCase()) + 1
    : Number(groups.month);
  const year = fullYear(groups.year ?? '', now);
  const date = new Date(Date.UTC(year, month - 1, day));
  const isRealDate =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return isRealDate ? date : undefined;
}

function fullYear(year: string, now: Date): number {
  if (year.length !== 2) return Number(year);
  const thisCentury = 2000 + Number(year);
  return thisCentury <= now.getUTCFullYear() ? thisCentury : thisCentury - 100;
}

/** On or before today and after the same day 18 years ago: a plausible child's birthday. */
function isWithinChildhood(date: Date, now: Date): boolean {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const eighteenYearsAgo = Date.UTC(
    now.getUTCFullYear() - CHILDHOOD_YEARS,
    now.getUTCMonth(),
    now.getUTCDate(),
  );
  return date.getTime() <= today && date.getTime() > eighteenYearsAgo;
}

// Every UK postcode area (plus BFPO and non-geographic BX). Checking the area keeps "Y2 1st" and the
// like from reading as postcodes.
const POSTCODE_AREAS =
  'AB AL BA BB BD BF BH BL BN BR BS BT BX B CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY EC EH EN EX E ' +
  'FK FY GL GU GY G HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY LA LD LE LL LN LS LU L ME MK ML M NE NG ' +
  'NN NP NR NW N OL OX PA PE PH PL PO PR RG RH RM SA SE SG SK SL SM SN SO SP SR SS ST SW SY S TA TD TF TN TQ ' +
  'TR TS TW UB WA WC WD WF WN WR WS WV W YO ZE';
// The inward code's letters never include C, I, K, M, O or V.
const FULL_POSTCODE = new RegExp(
  `\\b(?:${POSTCODE_AREAS.split(' ').join('|')})\\d[A-Z\\d]?(?: ?[./-] ?| {0,2})(?<inward>\\d[ABD-HJLNP-UW-Z]{2})\\b`,
  'gi',
);

export function containsFullPostcode(text: string): boolean {
  for (const match of text.matchAll(FULL_POSTCODE)) {
    const inward = match.groups?.inward ?? '';
    // "B1 1st", "SE1 2nd": an area code followed by an ordinal, written in lower case as ordinals are.
    const isLowerCaseOrdinal = /^\d(?:st|nd|rd|th)$/.test(inward);
    if (!isLowerCaseOrdinal) return true;
  }
  return false;
}
