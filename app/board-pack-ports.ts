import type { HistoryEntry } from '../domain/action-status';
import type { BoardPackView } from '../views/board-pack-view-model';

export type BoardPackFormat = 'docx' | 'xlsx';

/** The plan's history up to an instant. */
export interface PlanHistory {
  /**
   * Every change made at or before `asAt`, in any order: one range read of the plan's history, so the
   * number of requests does not grow with the number of actions.
   */
  changesUpTo(asAt: Date): Promise<HistoryEntry[]>;
}

/** One file of a board pack that reached someone in Teams. */
export interface IssuedBoardPack {
  /** ISO 8601 instant. */
  issuedAt: string;
  byName: string;
  byEmail?: string;
  /** The pack's as-at instant (ISO 8601) and period (YYYY-MM-DD, both days included). */
  asAt: string;
  from: string;
  to: string;
  format: BoardPackFormat;
  fileName: string;
}

/** Which board packs were issued: "since the previous board pack" starts after the latest one. */
export interface IssuedBoardPacks {
  record(pack: IssuedBoardPack): Promise<void>;
  /** The latest `limit` files issued, newest first. */
  latest(limit: number): Promise<IssuedBoardPack[]>;
  /**
   * Claims one Teams delivery of a file consent accept: true the first time, false for a redelivery of
   * the same activity (on any instance), so a file is uploaded once however often Teams resends.
   */
  claimAccept(delivery: string): Promise<boolean>;
}

/**
 * Draws a board pack's view as a file (documents/, in worker threads: workers/). Rejects with
 * DrawingRefusedError when it cannot take the job.
 */
export interface BoardPackRenderer {
  render(view: BoardPackView, format: BoardPackFormat): Promise<Uint8Array>;
  /** Files waiting for a free drawing thread: a new one waits behind them. */
  waiting(): number;
}

/**
 * The renderer could not take the file: `busy` when its queue is full (nothing was drawn; ask again), or
 * `stopping` when the bot stopped before the file was drawn.
 */
export class DrawingRefusedError extends Error {
  constructor(readonly reason: 'busy' | 'stopping') {
    super(
      reason === 'busy' ? 'too many files waiting to be drawn' : 'the bot stopped before the file was drawn',
    );
    this.name = 'DrawingRefusedError';
  }
}
