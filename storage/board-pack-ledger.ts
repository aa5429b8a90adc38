import { createHash } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { IssuedBoardPack, IssuedBoardPacks } from '../app/board-pack-ports';
import { readRow } from './stored-rows';
import { createUnlessExists } from './row-claims';
import { guardStore } from './store-errors';

const PARTITION = 'issued';
/** One row per file consent accept that started an upload (a Teams delivery: conversation and activity). */
const ACCEPTS = 'accept';
/** Later than any instant this bot will see, so `ceiling − time` sorts the newest first. */
const TIME_CEILING = 9_999_999_999_999;

export const issuedRow = z.object({
  issuedAt: z.string(),
  byName: z.string(),
  byEmail: z.string().optional(),
  asAt: z.string(),
  from: z.string(),
  to: z.string(),
  format: z.enum(['docx', 'xlsx']),
  fileName: z.string(),
});

type IssuedEntity = IssuedBoardPack & { partitionKey: string; rowKey: string };

/**
 * One row per file that reached someone, in one partition, keyed `<ceiling − issued time>|<format>` so the
 * latest are the first rows of one range read. A file issued twice at the same millisecond is one row.
 */
export class TableBoardPackLedger implements IssuedBoardPacks {
  constructor(private readonly table: TableClient) {}

  async record(pack: IssuedBoardPack): Promise<void> {
    const inverted = String(TIME_CEILING - Date.parse(pack.issuedAt)).padStart(13, '0');
    const entity: IssuedEntity = { partitionKey: PARTITION, rowKey: `${inverted}|${pack.format}`, ...pack };
    await guardStore(() => this.table.upsertEntity(entity, 'Replace'));
  }

  async claimAccept(delivery: string): Promise<boolean> {
    const rowKey = createHash('sha256').update(delivery, 'utf8').digest('base64url');
    return createUnlessExists(this.table, { partitionKey: ACCEPTS, rowKey });
  }

  async latest(limit: number): Promise<IssuedBoardPack[]> {
    return guardStore(async () => {
      const pages = this.table
        .listEntities<IssuedEntity>({ queryOptions: { filter: odata`PartitionKey eq ${PARTITION}` } })
        .byPage({ maxPageSize: limit });
      for await (const page of pages) {
        return page.slice(0, limit).map((row) => {
          const { byEmail, ...pack } = readRow(issuedRow, row);
          return byEmail === undefined ? pack : { ...pack, byEmail };
        });
      }
      return [];
    });
  }
}
