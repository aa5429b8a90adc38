/**
 * Teams caps a message at about 28 KB, so longer text did not come from someone typing in Teams. It is
 * answered without being parsed: every pattern below is linear, but nothing needs to read that much.
 */
export const MAX_MESSAGE_LENGTH = 28 * 1024;

// Every pattern that reads user text is linear: no quantifier can overlap its neighbour. Teams markup
// (mentions, &nbsp;) never reaches here: the bot's Teams adapter turns a message into plain text first.

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
