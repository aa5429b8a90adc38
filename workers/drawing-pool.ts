import os from 'node:os';
import path from 'node:path';
import type * as PiscinaModule from 'piscina';
import type { Piscina } from 'piscina';
import { DrawingRefusedError, type BoardPackFormat, type BoardPackRenderer } from '../app/board-pack-ports';
import type { BoardPackView } from '../views/board-pack-view-model';
import type { DrawingJob } from './drawing-job';
import type { YearlyReportView } from '../views/yearly-report-view-model';
import type { YearlyReportRenderer } from '../app/yearly-sign-off-ports';

export interface DrawingPoolOptions {
  /** Files drawn at once; each takes a thread and up to a few hundred MB for the largest packs. */
  threads?: number;
  /** Files that may wait for a thread; one more is refused as busy. */
  queue?: number;
  /** Where the worker entry is (tests point at the compiled one). */
  workerFile?: string;
}

/** One thread fewer than the machine has cores, at least one, at most two: the event loop keeps a core. */
export const DEFAULT_DRAWING_THREADS = Math.max(1, Math.min(2, os.availableParallelism() - 1));
export const DEFAULT_DRAWING_QUEUE = 8;

/**
 * Word and Excel files drawn in worker threads, so a five-year board pack never holds up another person's
 * turn. Bounded: `threads` at once and `queue` waiting; past that a file is refused as busy rather than
 * queued without end. Threads run at a lower priority (nice), so on a busy machine the bot's own event
 * loop is scheduled first.
 */
export class DrawingPool implements BoardPackRenderer, YearlyReportRenderer {
  /** Made on the first file: a start, and most turns, draw nothing (cold start, speed-and-reliability.md). */
  private created?: Piscina<DrawingJob, Uint8Array>;
  private readonly threads: number;
  private readonly queue: number;
  private readonly limit: number;
  private inFlight = 0;
  private stopping = false;

  constructor(private readonly options: DrawingPoolOptions = {}) {
    this.threads = options.threads ?? DEFAULT_DRAWING_THREADS;
    this.queue = options.queue ?? DEFAULT_DRAWING_QUEUE;
    this.limit = this.threads + this.queue;
  }

  private get pool(): Piscina<DrawingJob, Uint8Array> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Piscina: Pool } = require('piscina') as typeof PiscinaModule;
    this.created ??= new Pool<DrawingJob, Uint8Array>({
      filename: this.options.workerFile ?? path.join(__dirname, 'drawing-worker.js'),
      minThreads: 0,
      maxThreads: this.threads,
      maxQueue: this.queue,
      // A thread with nothing to draw for a minute is ended, so an idle bot holds no extra memory.
      idleTimeout: 60_000,
      niceIncrement: 10,
    });
    return this.created;
  }

  /** Files being drawn or waiting, for the stop's log line. */
  drawing(): number {
    return this.inFlight;
  }

  /** Files waiting for a thread (not counting those being drawn). */
  waiting(): number {
    return this.created?.queueSize ?? 0;
  }

  render(view: BoardPackView, format: BoardPackFormat): Promise<Uint8Array> {
    return this.draw({ view, format });
  }

  /** The partners' yearly report as a Word file, in the same threads and queue as the board packs. */
  renderYearlyReport(view: YearlyReportView): Promise<Uint8Array> {
    return this.draw({ view, format: 'yearlyReport' });
  }

  private async draw(job: DrawingJob): Promise<Uint8Array> {
    if (this.stopping) throw new DrawingRefusedError('stopping');
    if (this.inFlight >= this.limit) throw new DrawingRefusedError('busy');
    this.inFlight += 1;
    try {
      return await this.pool.run(job);
    } catch (error) {
      if (this.stopping) throw new DrawingRefusedError('stopping');
      throw error;
    } finally {
      this.inFlight -= 1;
    }
  }

  /**
   * Stops taking files; those waiting are cancelled at once, those being drawn may finish within
   * `graceMs`, then their threads are ended. Every cancelled render rejects with DrawingRefusedError
   * ('stopping'), so whoever asked is told.
   */
  async close(graceMs: number): Promise<void> {
    this.stopping = true;
    const pool = this.created;
    if (!pool) return;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs);
    });
    try {
      const finished = await Promise.race([
        pool.close({ force: true }).then(() => 'done' as const),
        graceOver,
      ]);
      if (finished === 'late') await pool.destroy();
    } finally {
      clearTimeout(timer);
    }
  }
}
