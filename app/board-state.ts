import type { StoredStatus } from '../domain/action-status';
import type { DigestSnapshot } from '../domain/digest/digest-snapshot';

/**
 * What every show card draws from storage, in one Table Storage query: the current statuses and the
 * direction-of-travel baseline (the last digest's snapshot, kept as a row beside them). Nothing else is
 * read, not even the board channel, so a show costs one round trip however the board is set up.
 */
export interface BoardState {
  /** Every action's current status (actions never updated are absent) and the baseline, if a digest was posted. */
  readAll(): Promise<{ statuses: Map<string, StoredStatus>; previous?: DigestSnapshot }>;
  /** One action's current status (absent when never updated) and the baseline. */
  readAction(actionId: string): Promise<{ status?: StoredStatus; previous?: DigestSnapshot }>;
}
