import type { StoredStatus } from '../domain/action-status';
import type { AmberRuns } from '../domain/board-cycle/exception-rules';
import type { DigestSnapshot } from '../domain/digest/digest-snapshot';
import type { CurrentEscalation } from './standing-escalations';

/** What the exception report needs of past weekly digests: the newest, and the amber runs up to it. */
export interface WeeklyDigests {
  latest: DigestSnapshot;
  amberRuns: AmberRuns;
}

/** Everything a show card or the exception report draws from storage. */
export interface BoardReading {
  statuses: Map<string, StoredStatus>;
  /** The last digest posted (of any kind): direction of travel on the show cards. */
  previous?: DigestSnapshot;
  /** Weekly digests only (extra ones from `post digest` are left out), for the exception report. */
  weekly?: WeeklyDigests;
  /** Escalations the weekly job raised, each as it last stood; an update since then has ended it. */
  escalated?: StandingEscalations;
}

/** The weekly job's record of escalations beside the current statuses (one row, a property per action). */
export interface StandingEscalations {
  planStart: string;
  escalations: CurrentEscalation[];
}

/** Where the weekly job leaves the escalations it raised, for the exception report's one read. */
export interface EscalationRecord {
  recordEscalations(planStart: string, escalations: readonly CurrentEscalation[]): Promise<void>;
}

/**
 * What every show card and the exception report draw from storage, in one Table Storage query: the current
 * statuses, the direction-of-travel baseline (the last digest's snapshot) and the weekly digests' record,
 * kept as rows beside them. Nothing else is read, not even the board channel, so each costs one round trip
 * however the board is set up and however many digests were posted.
 */
export interface BoardState {
  /** Every action's current status (actions never updated are absent), and what digests left behind. */
  readAll(): Promise<BoardReading>;
  /** One action's current status (absent when never updated) and the baseline. */
  readAction(actionId: string): Promise<{ status?: StoredStatus; previous?: DigestSnapshot }>;
}
