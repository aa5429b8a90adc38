import type { TableClient } from '@azure/data-tables';
import type {
  BoardChannel,
  BoardChannelStore,
  ClaimResult,
  DigestLedger,
  PostedDigest,
  ReminderLedger,
} from '../domain/digest-ports';
import { guardStore, statusCodeOf } from './store-errors';
import { safeKey } from './table-clients';

async function readOrUndefined<T extends object>(table: TableClient, partitionKey: string, rowKey: string) {
  return guardStore(async () => {
    try {
      return await table.getEntity<T>(partitionKey, rowKey);
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  });
}

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
    const row = await readOrUndefined<BoardChannelEntity>(this.table, 'board', 'channel');
    if (!row) return undefined;
    return {
      conversationId: row.conversationId,
      reference: JSON.parse(row.reference) as Record<string, unknown>,
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

/** Far longer than a post takes, even with Teams throttling and retries. */
const ABANDONED_CLAIM_MS = 30 * 60 * 1000;

type DigestEntity = {
  partitionKey: string;
  rowKey: string;
  state: 'claimed' | 'posted';
  claimant?: string;
  claimedAt?: string;
  week?: string;
  postedAt?: string;
  activityId?: string;
  snapshot?: string;
};

/** Per channel: `week|2026-W48` claim rows and `latest`, the last posted digest with its snapshot. */
export class TableDigestLedger implements DigestLedger {
  constructor(private readonly table: TableClient) {}

  async claimWeek(conversationId: string, week: string, claimant: string, at: string): Promise<ClaimResult> {
    const entity: DigestEntity = {
      partitionKey: safeKey(conversationId),
      rowKey: `week|${week}`,
      state: 'claimed',
      claimant,
      claimedAt: at,
      week,
    };
    return guardStore(async () => {
      try {
        await this.table.createEntity(entity);
        return 'claimed';
      } catch (error) {
        if (statusCodeOf(error) !== 409) throw error;
      }
      return this.takeOverAbandonedClaim(entity, at);
    });
  }

  /**
   * A claim whose instance died before posting would block the week for ever; after a while another
   * instance may take it over, guarded by the claim's ETag so only one does.
   */
  private async takeOverAbandonedClaim(entity: DigestEntity, at: string): Promise<ClaimResult> {
    const existing = await readOrUndefined<DigestEntity>(this.table, entity.partitionKey, entity.rowKey);
    if (!existing || existing.state !== 'claimed' || !existing.claimedAt) return 'alreadyClaimed';
    if (new Date(at).getTime() - new Date(existing.claimedAt).getTime() < ABANDONED_CLAIM_MS)
      return 'alreadyClaimed';
    try {
      await this.table.updateEntity(entity, 'Replace', { etag: existing.etag });
      return 'claimed';
    } catch (error) {
      if (statusCodeOf(error) === 412 || statusCodeOf(error) === 404) return 'alreadyClaimed';
      throw error;
    }
  }

  async releaseWeek(conversationId: string, week: string): Promise<void> {
    await guardStore(async () => {
      try {
        await this.table.deleteEntity(safeKey(conversationId), `week|${week}`);
      } catch (error) {
        if (statusCodeOf(error) !== 404) throw error;
      }
    });
  }

  async recordPosted(conversationId: string, digest: PostedDigest, extra: boolean): Promise<void> {
    const partitionKey = safeKey(conversationId);
    const posted = {
      state: 'posted' as const,
      week: digest.week,
      postedAt: digest.postedAt,
      snapshot: digest.snapshot,
    };
    const withActivity = digest.activityId ? { ...posted, activityId: digest.activityId } : posted;
    const rowKey = extra ? `extra|${digest.postedAt}` : `week|${digest.week}`;
    await guardStore(async () => {
      await this.table.upsertEntity<DigestEntity>({ partitionKey, rowKey, ...withActivity }, 'Merge');
      await this.table.upsertEntity<DigestEntity>(
        { partitionKey, rowKey: 'latest', ...withActivity },
        'Replace',
      );
    });
  }

  async latest(conversationId: string): Promise<PostedDigest | undefined> {
    const row = await readOrUndefined<DigestEntity>(this.table, safeKey(conversationId), 'latest');
    if (!row || !row.week || !row.postedAt || !row.snapshot) return undefined;
    return { week: row.week, postedAt: row.postedAt, activityId: row.activityId, snapshot: row.snapshot };
  }
}

type ReminderEntity = { partitionKey: string; rowKey: string; at: string };

export class TableReminderLedger implements ReminderLedger {
  constructor(private readonly table: TableClient) {}

  async lastReminded(email: string, actionId: string): Promise<string | undefined> {
    return (await readOrUndefined<ReminderEntity>(this.table, 'reminder', safeKey(`${email}|${actionId}`)))
      ?.at;
  }

  async recordReminded(email: string, actionId: string, at: string): Promise<void> {
    await guardStore(() =>
      this.table.upsertEntity<ReminderEntity>(
        { partitionKey: 'reminder', rowKey: safeKey(`${email}|${actionId}`), at },
        'Replace',
      ),
    );
  }
}
