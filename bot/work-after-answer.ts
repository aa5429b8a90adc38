import type { Logger } from './logger';

/**
 * Work a turn starts and does not wait for, because Teams must have its answer first (a file upload after
 * a file consent accept). Each piece of work bounds its own calls; a stopping bot waits for what is
 * running, so nobody is left without the answer it was going to send.
 */
export class WorkAfterAnswer {
  private readonly running = new Map<Promise<void>, string>();

  constructor(private readonly logger: Logger) {}

  start(what: string, work: () => Promise<void>): void {
    const task: Promise<void> = work()
      .catch((error: unknown) => this.logger.error({ err: error, what }, 'work after an answer failed'))
      .finally(() => this.running.delete(task));
    this.running.set(task, what);
  }

  /** What is still running, by name (for the log line of a forced stop). */
  pending(): string[] {
    return [...this.running.values()];
  }

  /** Resolves once nothing is running, including work started while waiting. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.keys()]);
  }
}
