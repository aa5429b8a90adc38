import { RAG_LABELS, type RagStatus } from '../rag-status';

export type DirectionOfTravel =
  | {
      direction: 'improving' | 'worsening' | 'same';
      /** The earlier status, when it differs. */ was?: RagStatus;
    }
  /** No earlier digest holds the action (the first digest, or an action new to the plan). */
  | { direction: 'new' };

export const DIRECTION_SYMBOLS = { improving: '↑', worsening: '↓', same: '→' } as const;

/**
 * How far along an action is, for direction of travel: complete, then green, amber, red. "Not started" sits
 * level with amber: before work starts nobody can say it is on track, which is what amber tells the board, so
 * starting at amber is no change, starting at red is worse, and starting on track (green or complete) is better.
 * Ranking it below red instead (as the digest's "what moved" list does) would show an action that starts red
 * as improving, which is the opposite of what the board needs to see.
 */
export const TRAVEL_RANK: Readonly<Record<RagStatus, number>> = {
  red: 0,
  amber: 1,
  not_started: 1,
  green: 2,
  complete: 3,
};

/** The status now against the status at the previous digest (undefined when there was none). */
export function directionOfTravel(
  now: RagStatus,
  atPreviousDigest: RagStatus | undefined,
): DirectionOfTravel {
  if (atPreviousDigest === undefined) return { direction: 'new' };
  const was = now === atPreviousDigest ? {} : { was: atPreviousDigest };
  const change = TRAVEL_RANK[now] - TRAVEL_RANK[atPreviousDigest];
  if (change > 0) return { direction: 'improving', ...was };
  if (change < 0) return { direction: 'worsening', ...was };
  return { direction: 'same', ...was };
}

/** "↑ improving (was Amber)", "↓ worsening (was Green)", "→ no change", "→ no change (was Not started)", or "" for new. */
export function describeDirection(travel: DirectionOfTravel): string {
  if (travel.direction === 'new') return '';
  const words = { improving: 'improving', worsening: 'worsening', same: 'no change' }[travel.direction];
  const was = travel.was === undefined ? '' : ` (was ${RAG_LABELS[travel.was]})`;
  return `${DIRECTION_SYMBOLS[travel.direction]} ${words}${was}`;
}
