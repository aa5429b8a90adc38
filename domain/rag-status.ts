import { readNote } from './note-text';
import type { Result } from './result';

export const RAG_STATUSES = ['not_started', 'red', 'amber', 'green', 'complete'] as const;

export type RagStatus = (typeof RAG_STATUSES)[number];

/** How many actions are at each status. */
export type RagCounts = Record<RagStatus, number>;

export function countRags(rags: Iterable<RagStatus>): RagCounts {
  const counts: RagCounts = { not_started: 0, red: 0, amber: 0, green: 0, complete: 0 };
  for (const rag of rags) counts[rag] += 1;
  return counts;
}

export const RAG_LABELS: Readonly<Record<RagStatus, string>> = {
  not_started: 'Not started',
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  complete: 'Complete',
};

export const MAX_NOTE_LENGTH = 1000;

const RAG_WORDS: ReadonlyMap<string, RagStatus> = new Map([
  ['red', 'red'],
  ['amber', 'amber'],
  ['green', 'green'],
  ['complete', 'complete'],
  ['completed', 'complete'],
  ['done', 'complete'],
  // Some partner agencies rate finished work blue (BRAG).
  ['blue', 'complete'],
  ['notstarted', 'not_started'],
]);

/** The status a typed word means ("Amber", "done", "not started"), or undefined when it is not one. */
export function parseRagWord(word: string): RagStatus | undefined {
  const key = word.trim().toLowerCase();
  // "not started", "not-started", "not_started" and "notstarted" are one word here; nothing else is.
  const joined = /^not[\s_-]*started$/.test(key) ? 'notstarted' : key;
  return RAG_WORDS.get(joined);
}

export type StatusUpdateCheck = Result<{ note: string }>;

/** The rules every status update passes, however it arrives; returns the note as it should be stored. */
export function validateStatusUpdate(update: { rag: RagStatus; note: string }): StatusUpdateCheck {
  if (update.rag === 'not_started') {
    return {
      ok: false,
      problem:
        'An update cannot set an action back to "Not started". Please choose red, amber, green or complete.',
    };
  }
  const read = readNote(update.note);
  if (!read.ok) return read;
  const note = read.note;
  const length = [...note].length;
  if (length > MAX_NOTE_LENGTH) {
    return {
      ok: false,
      problem: `A note can be at most ${formatCount(MAX_NOTE_LENGTH)} characters; this one has ${formatCount(length)}. Please shorten it.`,
    };
  }
  if (note === '' && (update.rag === 'red' || update.rag === 'amber')) {
    return {
      ok: false,
      problem: 'A note is needed for red and amber: what is wrong and what is being done.',
    };
  }
  return { ok: true, note };
}

export type RagDirection = 'up' | 'down' | 'same' | 'completed';

// Not started ranks lowest, so starting work on an action reads as movement up.
const RAG_RANK: Readonly<Record<RagStatus, number>> = {
  not_started: 0,
  red: 1,
  amber: 2,
  green: 3,
  complete: 4,
};

/** How a status moved, for the digest: 'completed' whenever it reached complete from anything else. */
export function ragDirection(from: RagStatus, to: RagStatus): RagDirection {
  if (from === to) return 'same';
  if (to === 'complete') return 'completed';
  return RAG_RANK[to] > RAG_RANK[from] ? 'up' : 'down';
}

function formatCount(count: number): string {
  return count.toLocaleString('en-GB');
}
