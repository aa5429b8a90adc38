import type {
  ActionStatus,
  AppendOptions,
  AppendResult,
  DeliveredChange,
  StatusStore,
  StoredStatus,
} from '../../domain/action-status';
import type { HistoryEntry, StoredHistoryEntry } from '../../domain/history-entry';

/**
 * The status store port in memory, with Table Storage's guarantees: a change is all or nothing, a stale
 * ETag or an existing row (the change's number, the delivery) refuses it, and reads hand out copies. It
 * lets the write pipeline and the use cases run without Azurite; test/storage/status-store-contract.ts
 * runs the same checks on it and on TableStatusStore.
 */
export class MemoryStatusStore implements StatusStore {
  private readonly current = new Map<string, StoredStatus & { etag: string }>();
  private readonly history = new Map<string, Map<number, StoredHistoryEntry & { etag: string }>>();
  private readonly deliveries = new Map<string, DeliveredChange>();
  private etags = 0;
  /** Appends attempted and stored, for tests of the pipeline. */
  appends = { attempted: 0, saved: 0 };
  /** Runs before each append: a test holds or fails the store here. */
  beforeAppend: () => Promise<void> = async () => {};

  async readAll(): Promise<Map<string, StoredStatus>> {
    return new Map([...this.current].map(([actionId, status]) => [actionId, copy(status)]));
  }

  async read(actionId: string): Promise<StoredStatus | undefined> {
    const status = this.current.get(actionId);
    return status && copy(status);
  }

  async append(
    previous: StoredStatus,
    next: ActionStatus,
    entry: HistoryEntry,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.appends.attempted += 1;
    await this.beforeAppend();
    const stored = this.current.get(next.actionId);
    const changes =
      this.history.get(entry.actionId) ?? new Map<number, StoredHistoryEntry & { etag: string }>();
    const rewrites = [...(options.replaces ? [options.replaces] : []), ...(options.alsoReplaces ?? [])];
    const stale = rewrites.some((rewrite) => {
      const replaced = changes.get(rewrite.version);
      return replaced === undefined || (rewrite.etag !== undefined && replaced.etag !== rewrite.etag);
    });
    const conflict =
      (previous.etag === undefined ? stored !== undefined : stored?.etag !== previous.etag) ||
      changes.has(entry.version) ||
      stale ||
      (options.delivery !== undefined && this.deliveries.has(options.delivery));
    if (conflict) return { kind: 'conflict' };
    const etag = this.nextEtag();
    this.current.set(next.actionId, { ...withoutUndefined(next), etag });
    changes.set(entry.version, { ...withoutUndefined(entry), etag: this.nextEtag() });
    for (const rewrite of rewrites) {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { etag: _, ...rewritten } = rewrite;
      changes.set(rewritten.version, { ...withoutUndefined(rewritten), etag: this.nextEtag() });
    }
    this.history.set(entry.actionId, changes);
    if (options.delivery) {
      this.deliveries.set(options.delivery, { actionId: entry.actionId, version: entry.version });
    }
    this.appends.saved += 1;
    return { kind: 'saved', etag };
  }

  async delivered(delivery: string): Promise<DeliveredChange | undefined> {
    const made = this.deliveries.get(delivery);
    return made && { ...made };
  }

  async readHistory(actionId: string, limit: number, fromVersion?: number): Promise<HistoryEntry[]> {
    return this.newestFirst(actionId)
      .filter((entry) => fromVersion === undefined || entry.version <= fromVersion)
      .slice(0, limit)
      .map(withoutEtag);
  }

  async readChange(actionId: string, version: number): Promise<StoredHistoryEntry | undefined> {
    const entry = this.history.get(actionId)?.get(version);
    return entry && copy(entry);
  }

  async readHistoryInPeriod(
    actionId: string,
    period: { from: string; before?: string },
    limit: number,
  ): Promise<{ entries: HistoryEntry[]; total: number }> {
    const inPeriod = this.newestFirst(actionId).filter(
      (entry) => entry.at >= period.from && (period.before === undefined || entry.at < period.before),
    );
    return { entries: inPeriod.slice(0, limit).map(withoutEtag), total: inPeriod.length };
  }

  private newestFirst(actionId: string): StoredHistoryEntry[] {
    return [...(this.history.get(actionId)?.values() ?? [])].sort((a, b) => b.version - a.version);
  }

  private nextEtag(): string {
    this.etags += 1;
    return `W/"${this.etags}"`;
  }
}

function copy<T extends object>(value: T): T {
  return structuredClone(value);
}

function withoutEtag(entry: StoredHistoryEntry): HistoryEntry {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { etag, ...rest } = entry;
  return structuredClone(rest);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
