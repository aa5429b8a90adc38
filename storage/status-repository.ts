import { createHash } from 'node:crypto';
import { odata, type TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import type {
  ActionStatus,
  AppendOptions,
  AppendResult,
  DeliveredChange,
  HistoryEntry,
  StatusStore,
  StoredHistoryEntry,
  StoredStatus,
} from '../domain/action-status';
import type { PlanHistory } from '../app/board-pack-ports';
import { currentRow, historyRow, readRow } from './stored-rows';
import { guardStore, statusCodeOf } from './store-errors';
import { watchedWrite } from './save-watch';

/**
 * One partition per plan. Current rows `cur|5.1`; history rows `hist|5.1|<inverted version>` so a range
 * read returns the newest first. A change is one entity-group transaction (insert history + replace
 * current with its ETag): history and current cannot disagree, and two writers on the same version
 * cannot both win (the history key collides, the ETag is stale).
 *
 * A change that came from a Teams activity also inserts `act|<hash of conversation and activity id>` in
 * the same transaction: a redelivered activity collides with it, so it can never apply twice, and the
 * row says which change it made, so the redelivery gets the same answer. Being in the change's own
 * transaction (not a separate "processed" table) means there is no moment where one exists without the
 * other, whichever instance or restart sees the redelivery.
 */
const CURRENT = 'cur|';
const HISTORY = 'hist|';
const DELIVERY = 'act|';
const VERSION_CEILING = 9_999_999_999;
/** Changes in a period beyond what is shown are counted up to this; past it the answer says "at least". */
export const MAX_COUNTED_CHANGES = 10_000;

type RowKeys = { partitionKey: string; rowKey: string };
type CurrentEntity = RowKeys & { [K in keyof Omit<StoredStatus, 'etag'>]: StoredStatus[K] };
type HistoryEntity = RowKeys & HistoryEntry;

type DeliveryEntity = { partitionKey: string; rowKey: string; actionId: string; version: number };

const currentKey = (actionId: string) => `${CURRENT}${actionId}`;
const historyPrefix = (actionId: string) => `${HISTORY}${actionId}|`;
const historyKey = (actionId: string, version: number) =>
  `${historyPrefix(actionId)}${String(VERSION_CEILING - version).padStart(10, '0')}`;

const deliveryKey = (delivery: string) =>
  `${DELIVERY}${createHash('sha256').update(delivery, 'utf8').digest('base64url')}`;

/** The smallest key greater than every key that starts with `prefix`. */
const prefixEnd = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** A current row read back: every domain field, checked by its schema (stored-rows.ts), nothing else. */
function toStatus(row: TableEntityResult<CurrentEntity>): StoredStatus {
  return withoutUndefined(readRow(currentRow, row));
}

/** A history row read back: the fields of its kind, checked by its schema (history-entry.ts), nothing else. */
function toEntry(row: HistoryEntity): HistoryEntry {
  return withoutUndefined(readRow(historyRow, row));
}

function historyEntity(planId: string, entry: HistoryEntry): HistoryEntity {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { etag, ...fields } = entry as StoredHistoryEntry;
  return withoutUndefined({
    partitionKey: planId,
    rowKey: historyKey(entry.actionId, entry.version),
    ...fields,
  });
}

export class TableStatusStore implements StatusStore, PlanHistory {
  constructor(
    private readonly table: TableClient,
    private readonly planId: string,
  ) {}

  async readAll(): Promise<Map<string, StoredStatus>> {
    return guardStore(async () => {
      const statuses = new Map<string, StoredStatus>();
      const rows = this.table.listEntities<CurrentEntity>({
        queryOptions: {
          filter: odata`PartitionKey eq ${this.planId} and RowKey ge ${CURRENT} and RowKey lt ${prefixEnd(CURRENT)}`,
        },
      });
      for await (const row of rows) statuses.set(row.actionId, toStatus(row));
      return statuses;
    });
  }

  async read(actionId: string): Promise<StoredStatus | undefined> {
    const row = await this.readRow<CurrentEntity>(currentKey(actionId));
    return row && toStatus(row);
  }

  async append(
    previous: StoredStatus,
    next: ActionStatus,
    entry: HistoryEntry,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const current: CurrentEntity = withoutUndefined({
      partitionKey: this.planId,
      rowKey: currentKey(next.actionId),
      ...next,
    });
    const moveCurrent: TransactionAction = previous.etag
      ? ['update', current, 'Replace', { etag: previous.etag }]
      : ['create', current];
    const actions: TransactionAction[] = [['create', historyEntity(this.planId, entry)], moveCurrent];
    for (const replaced of [
      ...(options.replaces ? [options.replaces] : []),
      ...(options.alsoReplaces ?? []),
    ]) {
      actions.push([
        'update',
        historyEntity(this.planId, replaced),
        'Replace',
        { etag: replaced.etag ?? '*' },
      ]);
    }
    if (options.delivery) {
      const delivered: DeliveryEntity = {
        partitionKey: this.planId,
        rowKey: deliveryKey(options.delivery),
        actionId: entry.actionId,
        version: entry.version,
      };
      actions.push(['create', delivered]);
    }
    const transaction = (): Promise<AppendResult> =>
      guardStore(async () => {
        try {
          const response = await this.table.submitTransaction(actions);
          // By position: the SDK names an update's sub-response by no row key (nor a create's whose key it
          // escapes), so looking the current row up by key found nothing and every write read first.
          return { kind: 'saved', etag: response.subResponses[actions.indexOf(moveCurrent)]?.etag };
        } catch (error) {
          const status = statusCodeOf(error);
          if (status === 409 || status === 412) return { kind: 'conflict' };
          throw error;
        }
      });
    return watchedWrite(transaction, (result) => result.kind === 'saved');
  }

  async delivered(delivery: string): Promise<DeliveredChange | undefined> {
    const row = await this.readRow<DeliveryEntity>(deliveryKey(delivery));
    return row && { actionId: row.actionId, version: row.version };
  }

  async readChange(actionId: string, version: number): Promise<StoredHistoryEntry | undefined> {
    const row = await this.readRow<HistoryEntity>(historyKey(actionId, version));
    return row && { ...toEntry(row), etag: row.etag };
  }

  private async readRow<T extends object>(rowKey: string): Promise<TableEntityResult<T> | undefined> {
    return guardStore(async () => {
      try {
        return await this.table.getEntity<T>(this.planId, rowKey);
      } catch (error) {
        if (statusCodeOf(error) === 404) return undefined;
        throw error;
      }
    });
  }

  /**
   * The changes in a period: the action's history rows (its key range) whose `at` lies in it, newest first.
   * The first `limit` are read whole; the rest are only counted, reading their keys alone, up to
   * MAX_COUNTED_CHANGES, so the answer can say how many more there are without carrying them.
   */
  async readHistoryInPeriod(
    actionId: string,
    period: { from: string; before?: string },
    limit: number,
  ): Promise<{ entries: HistoryEntry[]; total: number }> {
    return guardStore(async () => {
      const prefix = historyPrefix(actionId);
      const inRange = odata`PartitionKey eq ${this.planId} and RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)} and at ge ${period.from}`;
      const filter =
        period.before === undefined ? inRange : `${inRange} and ${odata`at lt ${period.before}`}`;
      const entries: HistoryEntry[] = [];
      let lastKey = '';
      // A filter on a column other than the keys may come back in short pages: read on until `limit`.
      const pages = this.table
        .listEntities<HistoryEntity>({ queryOptions: { filter } })
        .byPage({ maxPageSize: limit });
      for await (const page of pages) {
        for (const row of page.slice(0, limit - entries.length)) {
          entries.push(toEntry(row));
          lastKey = row.rowKey;
        }
        if (entries.length >= limit) break;
      }
      if (entries.length < limit) return { entries, total: entries.length };
      // Keys are newest first, so the changes not shown are the ones after the last shown.
      let more = 0;
      const keys = this.table.listEntities<RowKeys>({
        queryOptions: { filter: `${filter} and ${odata`RowKey gt ${lastKey}`}`, select: ['RowKey'] },
      });
      for await (const key of keys) {
        if (key.rowKey && ++more >= MAX_COUNTED_CHANGES) break;
      }
      return { entries, total: entries.length + more };
    });
  }

  /**
   * The whole plan's history up to `asAt` in one range query over `hist|` (the SDK follows its
   * continuation pages, a thousand rows each): the number of requests follows the number of rows, never
   * the number of actions. `at` is stored as toISOString() text, so text order is time order.
   */
  async changesUpTo(asAt: Date): Promise<HistoryEntry[]> {
    return guardStore(async () => {
      const entries: HistoryEntry[] = [];
      const rows = this.table.listEntities<HistoryEntity>({
        queryOptions: {
          filter: odata`PartitionKey eq ${this.planId} and RowKey ge ${HISTORY} and RowKey lt ${prefixEnd(HISTORY)} and at le ${asAt.toISOString()}`,
        },
      });
      for await (const row of rows) entries.push(toEntry(row));
      return entries;
    });
  }

  async readHistory(actionId: string, limit: number, fromVersion?: number): Promise<HistoryEntry[]> {
    return guardStore(async () => {
      const prefix = historyPrefix(actionId);
      const from = fromVersion === undefined ? prefix : historyKey(actionId, fromVersion);
      const pages = this.table
        .listEntities<HistoryEntity>({
          queryOptions: {
            filter: odata`PartitionKey eq ${this.planId} and RowKey ge ${from} and RowKey lt ${prefixEnd(prefix)}`,
          },
        })
        .byPage({ maxPageSize: limit });
      for await (const page of pages) return page.slice(0, limit).map(toEntry);
      return [];
    });
  }
}
