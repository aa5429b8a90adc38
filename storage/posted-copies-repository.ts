import { randomUUID } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { backOff } from 'exponential-backoff';
import { z } from 'zod';
import type {
  NewPostedCopy,
  NoteSource,
  PostedCopies,
  PostedCopy,
  RedactedChange,
} from '../domain/posted-copies';
import { readStoredObject } from './stored-rows';
import { getOrUndefined, guardStore, statusCodeOf } from './store-errors';

/** In the digests table, apart from the channels' partitions (base64url never holds "|"). */
const PARTITION = '|posted';
const SEAL = 'seal';
const COPY = 'copy|';
/** Enough for every redaction a poster could have missed while one card was on its way. */
const REMEMBERED_REDACTIONS = 50;
/** Redactions are rare: this many movers at once is far past any board's. */
const SEAL_MOVE_ATTEMPTS = 21;

const noteSources = z.array(z.object({ actionId: z.string(), at: z.string(), texts: z.array(z.string()) }));
const redactedChanges = z.array(z.object({ actionId: z.string(), at: z.string(), replacement: z.string() }));
const copyId = z.tuple([z.string(), z.string()]);

type CopyEntity = {
  partitionKey: string;
  rowKey: string;
  copyState: 'pending' | 'posted' | 'unconfirmed';
  startedAt: string;
  what: string;
  reference?: string;
  activityId?: string;
  card?: string;
  shown?: string;
  unsent?: boolean;
};
type SealEntity = { partitionKey: string; rowKey: string; redactions?: string };

export class TablePostedCopies implements PostedCopies {
  private lastSealTag: string | undefined;

  constructor(private readonly table: TableClient) {}

  knownSealTag(): string | undefined {
    return this.lastSealTag;
  }

  async sealTag(): Promise<string> {
    return guardStore(async () => {
      try {
        return this.saw((await this.table.getEntity<SealEntity>(PARTITION, SEAL)).etag);
      } catch (error) {
        if (statusCodeOf(error) !== 404) throw error;
      }
      try {
        return this.saw(
          (await this.table.createEntity<SealEntity>({ partitionKey: PARTITION, rowKey: SEAL })).etag,
        );
      } catch (error) {
        if (statusCodeOf(error) !== 409) throw error;
        return this.saw((await this.table.getEntity<SealEntity>(PARTITION, SEAL)).etag);
      }
    });
  }

  async holdSeal(tag: string): Promise<boolean> {
    return guardStore(async () => {
      try {
        const held = await this.table.updateEntity({ partitionKey: PARTITION, rowKey: SEAL }, 'Merge', {
          etag: tag,
        });
        this.saw(held.etag);
        return true;
      } catch (error) {
        const status = statusCodeOf(error);
        if (status === 412 || status === 404) return false;
        throw error;
      }
    });
  }

  /** Read, add, replace on the etag; another mover in between (412) means read and add again. */
  async moveSeal(redaction: RedactedChange): Promise<void> {
    await backOff(() => this.moveSealOnce(redaction), {
      numOfAttempts: SEAL_MOVE_ATTEMPTS,
      startingDelay: 0,
      retry: (error: unknown) => statusCodeOf(error) === 412,
    });
  }

  private async moveSealOnce(redaction: RedactedChange): Promise<void> {
    await this.sealTag();
    const row = await guardStore(() => this.table.getEntity<SealEntity>(PARTITION, SEAL));
    const redactions = [...readRedactions(row.redactions), redaction].slice(-REMEMBERED_REDACTIONS);
    await guardStore(() =>
      this.table.updateEntity(
        { partitionKey: PARTITION, rowKey: SEAL, redactions: JSON.stringify(redactions) },
        'Replace',
        { etag: row.etag },
      ),
    );
  }

  async recentRedactions(): Promise<RedactedChange[]> {
    await this.sealTag();
    const row = await guardStore(() => this.table.getEntity<SealEntity>(PARTITION, SEAL));
    return readRedactions(row.redactions);
  }

  async begin(what: string, at: Date): Promise<string> {
    const entity: CopyEntity = {
      partitionKey: PARTITION,
      rowKey: `${COPY}${at.toISOString()}|${randomUUID()}`,
      copyState: 'pending',
      startedAt: at.toISOString(),
      what,
    };
    await guardStore(() => this.table.createEntity(entity));
    return JSON.stringify([entity.rowKey, '*']);
  }

  async record(copy: NewPostedCopy, at: Date, pendingId?: string): Promise<string> {
    const rowKey = pendingId
      ? copyId.parse(JSON.parse(pendingId))[0]
      : `${COPY}${at.toISOString()}|${randomUUID()}`;
    const entity: CopyEntity = {
      partitionKey: PARTITION,
      rowKey,
      copyState: 'posted',
      startedAt: at.toISOString(),
      what: copy.what,
      reference: JSON.stringify(copy.reference),
      activityId: copy.activityId,
      card: copy.card,
      shown: JSON.stringify(copy.shown),
    };
    const written = await guardStore(() => this.table.upsertEntity(entity, 'Replace'));
    return JSON.stringify([rowKey, written.etag ?? '*']);
  }

  async abandon(pendingId: string): Promise<void> {
    const [rowKey] = copyId.parse(JSON.parse(pendingId));
    await guardStore(async () => {
      try {
        await this.table.deleteEntity(PARTITION, rowKey);
      } catch (error) {
        if (statusCodeOf(error) !== 404) throw error;
      }
    });
  }

  async unconfirmed(pendingId: string, card: string, shown: NoteSource[]): Promise<string | undefined> {
    const [rowKey] = copyId.parse(JSON.parse(pendingId));
    return guardStore(async () => {
      try {
        const row = await this.table.getEntity<CopyEntity>(PARTITION, rowKey);
        if (row.copyState !== 'pending') return undefined;
        const written = await this.table.updateEntity(
          { partitionKey: PARTITION, rowKey, copyState: 'unconfirmed', card, shown: JSON.stringify(shown) },
          'Merge',
          { etag: row.etag },
        );
        return JSON.stringify([rowKey, written.etag ?? '*']);
      } catch (error) {
        const status = statusCodeOf(error);
        if (status === 412 || status === 404) return undefined;
        throw error;
      }
    });
  }

  async list(): Promise<PostedCopy[]> {
    return guardStore(async () => {
      const copies: PostedCopy[] = [];
      const rows = this.table.listEntities<CopyEntity>({
        queryOptions: { filter: odata`PartitionKey eq ${PARTITION} and RowKey gt ${COPY}` },
      });
      for await (const row of rows) copies.push(copyOf(row));
      return copies;
    });
  }

  async read(id: string): Promise<PostedCopy | undefined> {
    const [rowKey] = copyId.parse(JSON.parse(id));
    const row = await getOrUndefined<CopyEntity>(this.table, PARTITION, rowKey);
    return row && copyOf(row);
  }

  async replace(id: string, card: string, shown: NoteSource[]): Promise<string | undefined> {
    const [rowKey, etag] = copyId.parse(JSON.parse(id));
    return guardStore(async () => {
      try {
        const written = await this.table.updateEntity(
          { partitionKey: PARTITION, rowKey, card, shown: JSON.stringify(shown), unsent: true },
          'Merge',
          { etag },
        );
        return JSON.stringify([rowKey, written.etag ?? '*']);
      } catch (error) {
        const status = statusCodeOf(error);
        if (status === 412 || status === 404) return undefined;
        throw error;
      }
    });
  }

  async markSent(id: string): Promise<boolean> {
    const [rowKey, etag] = copyId.parse(JSON.parse(id));
    return guardStore(async () => {
      try {
        await this.table.updateEntity({ partitionKey: PARTITION, rowKey, unsent: false }, 'Merge', { etag });
        return true;
      } catch (error) {
        const status = statusCodeOf(error);
        if (status === 412 || status === 404) return false;
        throw error;
      }
    });
  }

  private saw(etag: string | undefined): string {
    if (!etag) throw new Error('Table Storage answered without an ETag');
    this.lastSealTag = etag;
    return etag;
  }
}

function copyOf(row: CopyEntity & { etag?: string }): PostedCopy {
  return {
    id: JSON.stringify([row.rowKey, row.etag ?? '*']),
    state: row.copyState === 'posted' || row.copyState === 'unconfirmed' ? row.copyState : 'pending',
    startedAt: row.startedAt,
    what: row.what,
    reference: row.reference ? readStoredObject(row.reference, row.rowKey) : undefined,
    activityId: row.activityId,
    card: row.card,
    shown: row.shown ? noteSources.parse(JSON.parse(row.shown)) : [],
    unsent: row.unsent === true,
  };
}

function readRedactions(json: string | undefined): RedactedChange[] {
  return json ? redactedChanges.parse(JSON.parse(json)) : [];
}
