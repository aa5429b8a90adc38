import AsyncLock from 'async-lock';
import { backOff } from 'exponential-backoff';

/** Thrown by an attempt when another writer got there first: the attempt runs again after a pause. */
export class WriteConflict extends Error {
  constructor() {
    super('another writer changed the action first');
    this.name = 'WriteConflict';
  }
}

export interface WriteLimits {
  /**
   * A turn waits at most this long for the updates queued before it on the same action (the queue moves at
   * one store round trip per update), so a stuck store cannot hold answers past Teams' patience.
   */
  queueTimeoutMs: number;
  /**
   * Full jitter from 10 ms doubling to 400 ms: about 3 s of pauses over 12 attempts, long enough for a
   * burst on another instance to pass, short enough to answer well within Teams' time limit.
   */
  attempts: number;
  startingDelayMs: number;
  maxDelayMs: number;
}

export const WRITE_LIMITS: WriteLimits = {
  queueTimeoutMs: 8_000,
  attempts: 12,
  startingDelayMs: 10,
  maxDelayMs: 400,
};

/**
 * Writes to one action go one at a time within this process (so they never conflict with each other),
 * and a conflict with another instance is retried with jittered exponential backoff. Callers validate
 * before they get here: an attempt only re-reads and re-applies.
 */
export class ActionWrites {
  private readonly lock: AsyncLock;

  constructor(private readonly limits: WriteLimits = WRITE_LIMITS) {
    this.lock = new AsyncLock({ timeout: limits.queueTimeoutMs, maxPending: 100_000 });
  }

  /** The attempt's result, or 'busy' when it kept conflicting or the queue did not move in time. */
  async serialised<T>(actionId: string, attempt: () => Promise<T>): Promise<T | 'busy'> {
    try {
      return await this.lock.acquire(actionId, () =>
        backOff(attempt, {
          numOfAttempts: this.limits.attempts,
          startingDelay: this.limits.startingDelayMs,
          timeMultiple: 2,
          maxDelay: this.limits.maxDelayMs,
          jitter: 'full',
          delayFirstAttempt: false,
          retry: (error) => error instanceof WriteConflict,
        }),
      );
    } catch (error) {
      if (error instanceof WriteConflict || isQueueTimeout(error)) return 'busy';
      throw error;
    }
  }
}

function isQueueTimeout(error: unknown): boolean {
  return error instanceof Error && /^async-lock timed out in queue /.test(error.message);
}
