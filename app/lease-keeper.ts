import type { DigestLedger, WeekLease } from '../domain/digest-ports';
import type { Log } from './log';

/**
 * Renews a week's lease every third of its length while the digest is being posted, one renewal at a
 * time, so a live run keeps the week and a dead one loses it within one lease.
 */
export class LeaseKeeper {
  private readonly timer: NodeJS.Timeout;
  private renewing: Promise<void> = Promise.resolve();
  private lost = false;

  constructor(
    private readonly ledger: DigestLedger,
    private lease: WeekLease,
    private readonly leaseMs: number,
    private readonly logger: Log,
  ) {
    this.timer = setInterval(() => {
      this.renewing = this.renewing.then(() => this.renew());
    }, leaseMs / 3);
  }

  private async renew(): Promise<void> {
    if (this.lost) return;
    try {
      const renewed = await this.ledger.renew(this.lease, new Date(), this.leaseMs);
      if (renewed) {
        this.lease = renewed;
        return;
      }
      this.lost = true;
      this.logger.error(
        { week: this.lease.week },
        "this run lost the week's claim while posting (storage unreachable for a whole lease?); another run may post it too",
      );
    } catch (error) {
      // The next renewal tries again; the lease only runs out if the store stays away for all of it.
      this.logger.warn({ err: error, week: this.lease.week }, "could not renew the week's claim");
    }
  }

  /** Stops renewing; the lease as last renewed, or undefined when it was lost. */
  async stop(): Promise<WeekLease | undefined> {
    clearInterval(this.timer);
    await this.renewing;
    return this.lost ? undefined : this.lease;
  }
}
