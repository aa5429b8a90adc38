import type { BoardChannelStore, DigestLedger, PostedDigest, PostedDigests } from '../domain/digest-ports';
import { readStoredSnapshot, type DigestSnapshot } from '../domain/digest/digest-snapshot';
import type { Log } from './log';

/** What the board-cycle views compare against: the statuses at past digests. */
export interface DigestHistory {
  /** The snapshot stored with the last digest posted to the board channel; none before the first. */
  previous(): Promise<DigestSnapshot | undefined>;
  /**
   * Every posted weekly digest's snapshot that can be read, oldest first. Extra digests (`post digest`,
   * `--force`) are left out: "amber for 3 digests" means three weeks, not three posts in an afternoon.
   */
  all(): Promise<DigestSnapshot[]>;
}

/**
 * Reads the snapshots the digest job stored. A snapshot that cannot be read (a row from another version, a
 * damaged value) is left out and logged: a show command still answers, only without that comparison.
 */
export class PostedDigestHistory implements DigestHistory {
  constructor(
    private readonly boardChannels: BoardChannelStore,
    private readonly ledger: DigestLedger,
    private readonly posted: PostedDigests,
    private readonly log: Log,
  ) {}

  async previous(): Promise<DigestSnapshot | undefined> {
    const channel = await this.boardChannels.get();
    if (!channel) return undefined;
    const latest = await this.ledger.latest(channel.conversationId);
    return latest ? this.read(latest) : undefined;
  }

  async all(): Promise<DigestSnapshot[]> {
    const posted = await this.posted.list();
    return posted
      .filter((digest) => !digest.extra)
      .sort((a, b) => Date.parse(a.postedAt) - Date.parse(b.postedAt))
      .flatMap((digest) => {
        const snapshot = this.read(digest);
        return snapshot ? [snapshot] : [];
      });
  }

  private read(digest: PostedDigest): DigestSnapshot | undefined {
    const snapshot = readStoredSnapshot(digest.snapshot);
    if (!snapshot) {
      this.log.warn(
        { week: digest.week, postedAt: digest.postedAt },
        "a posted digest's snapshot could not be read; it is left out of the comparison",
      );
    }
    return snapshot;
  }
}
