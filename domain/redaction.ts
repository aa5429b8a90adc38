import { findPersonalData } from './personal-data';
import { readNote } from './note-text';
import { zonedDateFormat } from './zoned-date-format';
import type { Result } from './result';

export const MAX_REASON_LENGTH = 300;

export type ReasonCheck = Result<{ reason: string }>;

/** A redaction's reason is kept for ever beside the change, so it must not repeat what it removes. */
export function checkRedactionReason(typed: string, now: Date): ReasonCheck {
  // Bounded before any pattern runs over it.
  if (typed.length > MAX_REASON_LENGTH * 4) {
    return { ok: false, problem: `A reason can be at most ${MAX_REASON_LENGTH} characters.` };
  }
  // Read like a note: broken characters refused, bidi controls removed, visible characters required.
  const read = readNote(typed);
  if (!read.ok) return read;
  const reason = read.note;
  if (reason === '') return { ok: false, problem: 'A redaction needs a reason: why must this note go?' };
  if ([...reason].length > MAX_REASON_LENGTH) {
    return { ok: false, problem: `A reason can be at most ${MAX_REASON_LENGTH} characters.` };
  }
  const findings = findPersonalData(reason, now);
  if (findings.length > 0) {
    return {
      ok: false,
      problem: `The reason looks as though it holds ${findings.join(' and ')}. Say why without repeating it.`,
    };
  }
  return { ok: true, reason };
}

/** What a redacted note reads: "[redacted by Chris Chair, 2 Dec 2026: Identified a child]". */
export function redactedNoteText(byName: string, at: Date, timeZone: string, reason: string): string {
  const date = zonedDateFormat('dayMonthYear', timeZone).format(at);
  return `[redacted by ${byName}, ${date}: ${reason}]`;
}

/** Cards cut long notes to "the first words…"; a copy cut this short still names too much to leave. */
const SHORTEST_CUT_COPY = 12;

/**
 * Replaces every copy of a removed note inside stored JSON (a posted card, a snapshot): whole, inside a
 * longer string, or cut short with "…" as cards show long notes. Returns undefined when there was none.
 */
export function withoutRemovedText<T>(value: T, removed: string, replacement: string): T | undefined {
  let changed = false;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const replaced = replaceIn(node, removed, replacement);
      if (replaced !== node) changed = true;
      return replaced;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, field]) => [key, walk(field)]));
    }
    return node;
  };
  const result = walk(value) as T;
  return changed ? result : undefined;
}

function replaceIn(text: string, removed: string, replacement: string): string {
  if (removed === '') return text;
  if (text.includes(removed)) return text.split(removed).join(replacement);
  if (text.endsWith('…')) {
    const kept = text.slice(0, -1).trimEnd();
    if (kept.length >= SHORTEST_CUT_COPY && removed.startsWith(kept)) return replacement;
  }
  return text;
}
