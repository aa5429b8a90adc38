import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import type { StoredStatus } from '../domain/action-status';
import type { BoardChannelStore, DigestLedger, PostedDigest } from '../domain/digest-ports';
import { readStoredSnapshot, type DigestSnapshot } from '../domain/digest/digest-snapshot';
import type { BoardState } from '../app/board-state';
import { TableDigestLedger } from './digest-repositories';
import { currentRow, readRow } from './stored-rows';
import { getOrUndefined, guardStore } from './store-errors';

/**
 * The baseline row sits in the plan's partition right after the current rows (`cur|5.1` …; `}` sorts
 * after `|`), so one range query returns both, while the status store's own `cur|` range never sees it.
 */
export const BASELINE_KEY = 'cur}digest';
const CURRENT = 'cur|';

type BaselineEntity = { partitionKey: string; rowKey: string; postedAt: string; snapshot: string };

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

export class TableBoardState implements BoardState {
  constructor(
    private readonly table: TableClient,
    private readonly planId: string,
  ) {}

  async readAll(): Promise<{ statuses: Map<string, StoredStatus>; previous?: DigestSnapshot }> {
    return this.query(
      odata`PartitionKey eq ${this.planId} and RowKey ge ${CURRENT} and RowKey le ${BASELINE_KEY}`,
    );
  }

  /**
   * The same range as readAll, the action picked out here: an `or` of two row keys would be a scan of the
   * whole partition (history included) in Azure, while this range is the few dozen current rows.
   */
  async readAction(actionId: string): Promise<{ status?: StoredStatus; previous?: DigestSnapshot }> {
    const { statuses, previous } = await this.readAll();
    return { status: statuses.get(actionId), ...(previous ? { previous } : {}) };
  }

  /** The last posted digest's snapshot becomes the baseline, unless a later one is already there. */
  async recordBaseline(postedAt: string, snapshot: string): Promise<void> {
    await guardStore(async () => {
      const current = await this.readBaseline();
      if (current && Date.parse(current.postedAt) > Date.parse(postedAt)) return;
      await this.table.upsertEntity<BaselineEntity>(
        { partitionKey: this.planId, rowKey: BASELINE_KEY, postedAt, snapshot },
        'Replace',
      );
    });
  }

  async readBaseline(): Promise<{ postedAt: string } | undefined> {
    const row = await getOrUndefined<BaselineEntity>(this.table, this.planId, BASELINE_KEY);
    return row && { postedAt: row.postedAt };
  }

  private async query(
    filter: string,
  ): Promise<{ statuses: Map<string, StoredStatus>; previous?: DigestSnapshot }> {
    return guardStore(async () => {
      const statuses = new Map<string, StoredStatus>();
      let previous: DigestSnapshot | undefined;
      const rows = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } });
      for await (const row of rows) {
        if (row.rowKey === BASELINE_KEY) {
          // A baseline from another version or damaged reads as none: the card shows no direction.
          previous = typeof row.snapshot === 'string' ? readStoredSnapshot(row.snapshot) : undefined;
          continue;
        }
        const status = withoutUndefined(
          readRow(currentRow, row as TableEntityResult<object>),
        ) as StoredStatus;
        statuses.set(status.actionId, status);
      }
      return { statuses, ...(previous ? { previous } : {}) };
    });
  }
}

/** The digest ledger, with every posted digest's snapshot also kept as the show cards' baseline. */
export class LedgerKeepingBaseline extends TableDigestLedger {
  constructor(
    table: TableClient,
    private readonly board: TableBoardState,
  ) {
    super(table);
  }

  override async recordPosted(conversationId: string, digest: PostedDigest, extra: boolean): Promise<void> {
    await super.recordPosted(conversationId, digest, extra);
    if (digest.snapshot) await this.board.recordBaseline(digest.postedAt, digest.snapshot);
  }
}

/**
 * A store written before the baseline row existed: the board channel's last digest becomes the baseline,
 * once, at start (a few reads then, none on any show). Answers whether it adopted one.
 */
export async function adoptEarlierBaseline(
  board: TableBoardState,
  channels: BoardChannelStore,
  ledger: Pick<DigestLedger, 'latest'>,
): Promise<boolean> {
  if (await board.readBaseline()) return false;
  const channel = await channels.get();
  const latest = channel && (await ledger.latest(channel.conversationId));
  if (!latest?.snapshot) return false;
  await board.recordBaseline(latest.postedAt, latest.snapshot);
  return true;
}
