import { z } from 'zod';
import { odata, type TableClient } from '@azure/data-tables';
import type {
  BoardChannel,
  BoardChannelStore,
  ClaimResult,
  DigestLedger,
  PostedDigest,
  PostedDigestCopies,
  PostedDigestCopy,
  PostedDigestRecord,
  PostedDigests,
  ReminderCount,
  ReminderLedger,
  WeekLease,
} from '../domain/digest-ports';
import { createUnlessExists } from './row-claims';
import { readRow, readStoredObject } from './stored-rows';
import { getOrUndefined, guardStore, statusCodeOf } from './store-errors';
import { safeKey } from './table-clients';

/** A PostedDigestCopy's id, as this store made it: the row's keys and ETag. */
const copyId = z.tuple([z.string(), z.string(), z.string()]);

type BoardChannelEntity = {
  partitionKey: string;
  rowKey: string;
  conversationId: string;
  reference: string;
  active: boolean;
  setAt: string;
  setBy: string;
  inactiveReason?: string;
  inactiveAt?: string;
};

/** One board channel per deployment: the conversations table's `board|channel` row. */
export class TableBoardChannelStore implements BoardChannelStore {
  constructor(private readonly table: TableClient) {}

  async get(): Promise<BoardChannel | undefined> {
    const row = await getOrUndefined<BoardChannelEntity>(this.table, 'board', 'channel');
    if (!row) return undefined;
    return {
      conversationId: row.conversationId,
      reference: readStoredObject(row.reference, 'board|channel'),
      active: row.active,
      setAt: row.setAt,
      setBy: row.setBy,
      inactiveReason: row.inactiveReason,
    };
  }

  async set(channel: BoardChannel): Promise<void> {
    const entity: BoardChannelEntity = {
      partitionKey: 'board',
      rowKey: 'channel',
      conversationId: channel.conversationId,
      reference: JSON.stringify(channel.reference),
      active: channel.active,
      setAt: channel.setAt,
      setBy: channel.setBy,
    };
    await guardStore(() => this.table.upsertEntity(entity, 'Replace'));
  }

  async markInactive(conversationId: string, reason: string, at: string): Promise<void> {
    const current = await this.get();
    if (!current || current.conversationId !== conversationId) return;
    await guardStore(() =>
      this.table.updateEntity(
        { partitionKey: 'board', rowKey: 'channel', active: false, inactiveReason: reason, inactiveAt: at },
        'Merge',
      ),
    );
  }
}

/** A digest ledger row as read back: checked, not cast (stored-rows.ts), so a bad row fails naming its key. */
const digestRow = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  state: z.enum(['claimed', 'posted']),
  /** The board channel, readable (the partition key is its base64url). */
  channelId: z.string().optional(),
  claimant: z.string().optional(),
  claimedAt: z.string().optional(),
  leaseUntil: z.string().optional(),
  week: z.string().optional(),
  postedAt: z.string().optional(),
  conversationId: z.string().optional(),
  activityId: z.string().optional(),
  snapshot: z.string().optional(),
  /** The card as posted, and the new post's conversation reference (JSON): for updates in place. */
  card: z.string().optional(),
  reference: z.string().optional(),
  etag: z.string().optional(),
});

type DigestEntity = Omit<z.infer<typeof digestRow>, 'etag'>;
const readDigest = (entity: object) => readRow(digestRow, entity);

/** Every row of a posted digest: the week, extra and latest rows alike. */
async function* postedRows(table: TableClient): AsyncGenerator<z.infer<typeof digestRow>> {
  const rows = table.listEntities<DigestEntity>({ queryOptions: { filter: odata`state eq ${'posted'}` } });
  for await (const entity of rows) yield readDigest(entity);
}

const NOTICES = 'notices';

/**
 * Per channel: `week|2026-W48` rows (a leased claim, then the posted digest), `extra|<time>` rows for
 * extra digests, and `latest`, the last posted digest with its snapshot.
 */
export class TableDigestLedger implements DigestLedger, PostedDigests {
  constructor(private readonly table: TableClient) {}

  async claimWeek(
    conversationId: string,
    week: string,
    claimant: string,
    now: Date,
    leaseMs: number,
  ): Promise<ClaimResult> {
    const entity: DigestEntity = {
      partitionKey: safeKey(conversationId),
      rowKey: `week|${week}`,
      state: 'claimed',
      channelId: conversationId,
      claimant,
      claimedAt: now.toISOString(),
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      week,
    };
    return guardStore(async () => {
      try {
        const created = await this.table.createEntity(entity);
        return { kind: 'claimed', lease: leaseOf(entity, created.etag) };
      } catch (error) {
        if (statusCodeOf(error) !== 409) throw error;
      }
      return this.takeOverExpiredClaim(entity, now);
    });
  }

  /** A claim whose run died stops being renewed; once its lease has run out, exactly one run takes it. */
  private async takeOverExpiredClaim(entity: DigestEntity, now: Date): Promise<ClaimResult> {
    const found = await getOrUndefined<DigestEntity>(this.table, entity.partitionKey, entity.rowKey);
    const existing = found && readDigest(found);
    // Released between our insert and this read: the next attempt inserts again.
    if (!existing)
      return { kind: 'held', claimant: 'a run that has just finished', leaseUntil: now.toISOString() };
    if (existing.state === 'posted') return { kind: 'posted' };
    const leaseUntil = existing.leaseUntil ?? existing.claimedAt ?? '';
    if (new Date(leaseUntil).getTime() > now.getTime())
      return { kind: 'held', claimant: existing.claimant ?? 'another run', leaseUntil };
    try {
      const replaced = await this.table.updateEntity(entity, 'Replace', { etag: existing.etag });
      return { kind: 'claimed', lease: leaseOf(entity, replaced.etag) };
    } catch (error) {
      const status = statusCodeOf(error);
      if (status === 412 || status === 404)
        return { kind: 'held', claimant: 'another run', leaseUntil: now.toISOString() };
      throw error;
    }
  }

  async renew(lease: WeekLease, now: Date, leaseMs: number): Promise<WeekLease | undefined> {
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    return guardStore(async () => {
      try {
        const renewed = await this.table.updateEntity(
          { partitionKey: safeKey(lease.conversationId), rowKey: `week|${lease.week}`, leaseUntil },
          'Merge',
          { etag: lease.token },
        );
        return { ...lease, leaseUntil, token: renewed.etag ?? lease.token };
      } catch (error) {
        const status = statusCodeOf(error);
        if (status === 412 || status === 404) return undefined;
        throw error;
      }
    });
  }

  async release(lease: WeekLease): Promise<void> {
    await guardStore(async () => {
      try {
        await this.table.deleteEntity(safeKey(lease.conversationId), `week|${lease.week}`, {
          etag: lease.token,
        });
      } catch (error) {
        // Gone, or taken over after our lease ran out: either way it is not ours to give back.
        const status = statusCodeOf(error);
        if (status !== 404 && status !== 412) throw error;
      }
    });
  }

  async recordPosted(conversationId: string, digest: PostedDigest, extra: boolean): Promise<void> {
    const partitionKey = safeKey(conversationId);
    const posted: Omit<DigestEntity, 'partitionKey' | 'rowKey'> = {
      state: 'posted',
      channelId: conversationId,
      week: digest.week,
      postedAt: digest.postedAt,
      snapshot: digest.snapshot,
      ...(digest.conversationId ? { conversationId: digest.conversationId } : {}),
      ...(digest.activityId ? { activityId: digest.activityId } : {}),
      ...(digest.card === undefined ? {} : { card: digest.card }),
      ...(digest.reference === undefined ? {} : { reference: JSON.stringify(digest.reference) }),
    };
    const rowKey = extra ? `extra|${digest.postedAt}` : `week|${digest.week}`;
    await guardStore(async () => {
      // Unconditional: the digest is in the channel, whoever holds the lease now.
      await this.table.upsertEntity<DigestEntity>({ partitionKey, rowKey, ...posted }, 'Merge');
      await this.table.upsertEntity<DigestEntity>({ partitionKey, rowKey: 'latest', ...posted }, 'Replace');
    });
  }

  async latest(conversationId: string): Promise<PostedDigest | undefined> {
    const row = await getOrUndefined<DigestEntity>(this.table, safeKey(conversationId), 'latest');
    return row ? postedOf(readDigest(row)) : undefined;
  }

  async list(): Promise<PostedDigestRecord[]> {
    return guardStore(async () => {
      const records: PostedDigestRecord[] = [];
      for await (const row of postedRows(this.table)) {
        const posted = postedOf(row);
        if (row.rowKey === 'latest' || !posted || !row.channelId) continue;
        records.push({ ...posted, channelId: row.channelId, extra: row.rowKey.startsWith('extra|') });
      }
      return records;
    });
  }

  async claimNoChannelNotice(week: string, at: string): Promise<boolean> {
    return createUnlessExists(this.table, { partitionKey: NOTICES, rowKey: `no-board-channel|${week}`, at });
  }
}

function leaseOf(entity: DigestEntity, etag: string | undefined): WeekLease {
  if (!etag) throw new Error('Table Storage answered a write without an ETag');
  return {
    conversationId: entity.channelId ?? '',
    week: entity.week ?? '',
    claimant: entity.claimant ?? '',
    leaseUntil: entity.leaseUntil ?? '',
    token: etag,
  };
}

function postedOf(row: DigestEntity): PostedDigest | undefined {
  if (row.state !== 'posted' || !row.week || !row.postedAt || !row.snapshot) return undefined;
  return {
    week: row.week,
    postedAt: row.postedAt,
    conversationId: row.conversationId,
    activityId: row.activityId,
    snapshot: row.snapshot,
  };
}

/** The posted digests' stored cards, wherever the ledger keeps them (week, extra and latest rows). */
export class TablePostedDigestCopies implements PostedDigestCopies {
  constructor(private readonly table: TableClient) {}

  async list(): Promise<PostedDigestCopy[]> {
    return guardStore(async () => {
      const copies: PostedDigestCopy[] = [];
      for await (const row of postedRows(this.table)) {
        if (!row.card) continue;
        copies.push({
          id: JSON.stringify([row.partitionKey, row.rowKey, row.etag]),
          activityId: row.activityId,
          reference: row.reference ? readStoredObject(row.reference, row.rowKey) : undefined,
          card: row.card,
        });
      }
      return copies;
    });
  }

  /** Guarded by the row's ETag: a "latest" row replaced by a newer digest meanwhile is left as it is. */
  async replaceCard(id: string, card: string): Promise<void> {
    const [partitionKey, rowKey, etag] = copyId.parse(JSON.parse(id));
    await guardStore(async () => {
      try {
        await this.table.updateEntity({ partitionKey, rowKey, card }, 'Merge', { etag });
      } catch (error) {
        if (statusCodeOf(error) !== 412 && statusCodeOf(error) !== 404) throw error;
      }
    });
  }
}

type ReminderEntity = { partitionKey: string; rowKey: string; at: string; count?: number; since?: string };

export class TableReminderLedger implements ReminderLedger {
  constructor(private readonly table: TableClient) {}

  async lastReminded(email: string, actionId: string): Promise<string | undefined> {
    return (await this.row(email, actionId))?.at;
  }

  async reminders(email: string, actionId: string): Promise<ReminderCount | undefined> {
    const row = await this.row(email, actionId);
    // Rows from before counting began hold one reminder: the last.
    return row && { lastAt: row.at, count: row.count ?? 1, since: row.since ?? row.at };
  }

  async recordReminded(email: string, actionId: string, at: string, silentSince?: string): Promise<void> {
    const previous = silentSince === undefined ? undefined : await this.reminders(email, actionId);
    const sameSilence =
      previous !== undefined && Date.parse(previous.lastAt) >= Date.parse(silentSince ?? '');
    await guardStore(() =>
      this.table.upsertEntity<ReminderEntity>(
        {
          partitionKey: 'reminder',
          rowKey: safeKey(`${email}|${actionId}`),
          at,
          count: sameSilence ? previous.count + 1 : 1,
          since: sameSilence ? previous.since : at,
        },
        'Replace',
      ),
    );
  }

  private row(email: string, actionId: string) {
    return getOrUndefined<ReminderEntity>(this.table, 'reminder', safeKey(`${email}|${actionId}`));
  }
}
