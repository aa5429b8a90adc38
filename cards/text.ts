/** Presentation helpers for view-model text. */

/** Blank text is treated as absent (null, for template data). */
export function present(text: string | undefined): string | null {
  return text !== undefined && text.trim().length > 0 ? text : null;
}

/** Cuts text to at most `maxChars` characters (code points, so emoji survive), ending in "…". */
export function truncate(text: string, maxChars: number): string {
  const characters = Array.from(text);
  if (characters.length <= maxChars) return text;
  return `${characters
    .slice(0, Math.max(0, maxChars - 1))
    .join('')
    .trimEnd()}…`;
}

export { joinWithAnd, plural } from '../views/wording';
