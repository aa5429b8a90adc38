/**
 * Teams caps a message at about 28 KB, so longer text did not come from someone typing in Teams. It is
 * answered without being parsed: every pattern below is linear, but nothing needs to read that much.
 */
export const MAX_MESSAGE_LENGTH = 28 * 1024;

export function withPlainSpaces(text: string): string {
  return text.replace(/&nbsp;|\u00a0/gi, ' ');
}

// Every pattern that reads user text is linear: no quantifier can overlap its neighbour, and a tag's
// attributes and a mention's name stop at the next "<" ("[^<>]*", "[^<]*"), so no scan runs past the
// next tag whatever the text holds. Teams escapes "<" inside a mention's name.
const LEADING_MENTIONS = /^(?:\s*<at\b[^<>]*>[^<]*<\/at>)+/i;
const MENTION = /<at\b[^<>]*>[^<]*<\/at>/gi;
const MENTION_TAG = /<\/?at\b[^<>]*>/gi;

export function withoutLeadingMentions(text: string): string {
  return text.replace(LEADING_MENTIONS, '').trim();
}

export function withoutMentions(text: string): string {
  return text.replace(MENTION, ' ').replace(MENTION_TAG, ' ').trim();
}

/** The text without trailing characters from `set`; a loop, as /[.!?]+$/ retries every run of dots. */
export function withoutTrailing(text: string, set: string): string {
  let end = text.length;
  while (end > 0 && set.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/** The text without leading spaces and tabs, then one run of separator characters from `set`. */
export function afterSeparator(text: string, set: string): string {
  let start = 0;
  while (start < text.length && (text[start] === ' ' || text[start] === '\t')) start++;
  while (start < text.length && set.includes(text[start])) start++;
  return text.slice(start);
}

export function simplify(message: string): string {
  return withoutTrailing(message.toLowerCase().replace(/\s+/g, ' ').trim(), '.!?').trim();
}
