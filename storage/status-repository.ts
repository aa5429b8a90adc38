import { odata, type TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import type {
  ActionStatus,
  AppendResult,
  HistoryEntry,
  StatusStore,
  StoredStatus,
} from '../domain/action-status';
import type { RagStatus } from '../domain/rag-status';
import { guardStore, statusCodeOf } from './store-errors';

/**
 * One partition per plan. Current rows `cur|5.1`; history rows `hist|5.1|<inverted version>` so a range
 * read returns the newest first. A change is one entity-group transaction (insert history + replace
 * current with its ETag): history and current cannot disagree, and two writers on the same version
 * cannot both win (the history key collides, the ETag is stale).
 */
const CURRENT = 'cur|';
const HISTORY = 'hist|';
const VERSION_CEILING = 9_999_999_999;

type CurrentEntity = {
  partitionKey: string;
  rowKey: string;
  actionId: string;
  rag: string;
  note?: string;
  version: number;
  updatedAt?: string;
  updatedByEmail?: string;
  updatedByName?: string;
  ownerEmail?: string;
  ownerName?: string;
  ownerTeamsUserId?: string;
  ownerAadObjectId?: string;
};

type HistoryEntity = {
  partitionKey: string;
  rowKey: string;
  actionId: string;
  version: number;
  kind: string;
  at: string;
  byEmail: string;
  byName: string;
  fromRag: string;
  toRag: string;
  note?: string;
  ownerEmail?: string;
  previousOwnerEmail?: string;
};

const currentKey = (actionId: string) => `${CURRENT}${actionId}`;
const historyPrefix = (actionId: string) => `${HISTORY}${actionId}|`;
const historyKey = (actionId: string, version: number) =>
  `${historyPrefix(actionId)}${String(VERSION_CEILING - version).padStart(10, '0')}`;

/** The smallest key greater than every key that starts with `prefix`. */
const prefixEnd = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function toStatus(entity: TableEntityResult<CurrentEntity>): StoredStatus {
  return withoutUndefined({
    actionId: entity.actionId,
    rag: entity.rag as RagStatus,
    note: entity.note,
    version: entity.version,
    updatedAt: entity.updatedAt,
    updatedByEmail: entity.updatedByEmail,
    updatedByName: entity.updatedByName,
    ownerEmail: entity.ownerEmail,
    ownerName: entity.ownerName,
    ownerTeamsUserId: entity.ownerTeamsUserId,
    ownerAadObjectId: entity.ownerAadObjectId,
    etag: entity.etag,
  });
}

function toEntry(entity: HistoryEntity): HistoryEntry {
  return withoutUndefined({
    actionId: entity.actionId,
    version: entity.version,
    kind: entity.kind as HistoryEntry['kind'],
    at: entity.at,
    byEmail: entity.byEmail,
    byName: entity.byName,
    fromRag: entity.fromRag as RagStatus,
    toRag: entity.toRag as RagStatus,
    note: entity.note,
    ownerEmail: entity.ownerEmail,
    previousOwnerEmail: entity.previousOwnerEmail,
  });
}

export class TableStatusStore implements StatusStore {
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
    return guardStore(async () => {
      try {
        return toStatus(await this.table.getEntity<CurrentEntity>(this.planId, currentKey(actionId)));
      } catch (error) {
        if (statusCodeOf(error) === 404) return undefined;
        throw error;
      }
    });
  }

  async append(previous: StoredStatus, next: ActionStatus, entry: HistoryEntry): Promise<AppendResult> {
    const current: CurrentEntity = withoutUndefined({
      partitionKey: this.planId,
      rowKey: currentKey(next.actionId),
      ...next,
    });
    const history: HistoryEntity = withoutUndefined({
      partitionKey: this.planId,
      rowKey: historyKey(entry.actionId, entry.version),
      ...entry,
    });
    const moveCurrent: TransactionAction = previous.etag
      ? ['update', current, 'Replace', { etag: previous.etag }]
      : ['create', current];
    return guardStore(async () => {
      try {
        await this.table.submitTransaction([['create', history], moveCurrent]);
        return 'saved';
      } catch (error) {
        const status = statusCodeOf(error);
        if (status === 409 || status === 412) return 'conflict';
        throw error;
      }
    });
  }

  async readHistory(actionId: string, limit: number): Promise<HistoryEntry[]> {
    return guardStore(async () => {
      const prefix = historyPrefix(actionId);
      const pages = this.table
        .listEntities<HistoryEntity>({
          queryOptions: {
            filter: odata`PartitionKey eq ${this.planId} and RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)}`,
          },
        })
        .byPage({ maxPageSize: limit });
      for await (const page of pages) return page.slice(0, limit).map(toEntry);
      return [];
    });
  }
}
