/**
 * What a status note is, whichever way it arrives (typed in chat or entered on a card): text a person can
 * read. One place decides what is stored and what the personal-data check reads, so both paths agree.
 */

export type NoteReading = Result<{ note: string }>;
import type { Result } from './result';

// Embeddings, overrides and isolates change how the text around them is displayed (a right-to-left
// override makes "fdp.exe" read "exe.pdf"); they are never needed in a note, unlike LRM/RLM marks.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

// Characters that draw nothing: format characters and everything Unicode says to ignore when it cannot be
// shown (zero-width spaces and joiners, soft hyphens, the Hangul fillers U+115F, U+1160, U+3164, U+FFA0,
// variation selectors, tags), and blank letters that are not flagged as such (the braille blank U+2800).
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** A name kept and matched as typed (an agency): invisible characters would make two look-alikes differ. */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}
// What can be read: letters, digits, punctuation and symbols. Marks, spaces and controls alone cannot.
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

// With the u flag a surrogate matches only when it is not half of a pair.
const LONE_SURROGATE = /\p{Cs}/u;

export const UNREADABLE_NOTE_PROBLEM =
  'The note has a broken character in it (often left by copying and pasting). Please retype the note.';

/**
 * The note as it should be stored: broken text (lone surrogates) refused; bidi controls and control
 * characters removed (newlines and tabs kept; pasted CR/LF and line separators become newlines); runs of
 * blank lines capped at two; trimmed. A note with nothing visible in it is no note: "".
 */
export function readNote(raw: string): NoteReading {
  if (LONE_SURROGATE.test(raw)) return { ok: false, problem: UNREADABLE_NOTE_PROBLEM };
  const note = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .replace(BIDI_CONTROLS, '')
    .replace(/\n(?:[ \t]*\n){3,}/g, '\n\n\n')
    .trim();
  return { ok: true, note: hasVisibleText(note) ? note : '' };
}

/** Whether anything in the text would be seen: whitespace and invisible characters do not count. */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text.replace(INVISIBLE, ''));
}

/**
 * The text the personal-data check reads: compatibility forms folded (full-width and other styled
 * digits and letters become plain ones), every decimal digit in any script made ASCII, invisible
 * characters dropped (a zero-width space inside a number must not hide it), every kind of space or
 * line break one plain space, and dashes one hyphen.
 */
export function personalDataText(note: string): string {
  return note
    .normalize('NFKC')
    .replace(/\p{Nd}/gu, asciiDigit)
    .replace(INVISIBLE, '')
    .replace(/[\p{Pd}\u2212]/gu, '-')
    .replace(/[\p{White_Space}]+/gu, ' ');
}

/** Unicode encodes every script's digits as runs of ten from zero, so the value is the offset in the run. */
function asciiDigit(digit: string): string {
  if (digit >= '0' && digit <= '9') return digit;
  const codePoint = digit.codePointAt(0) ?? 0;
  let start = codePoint;
  while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start -= 1;
  return String((codePoint - start) % 10);
}
