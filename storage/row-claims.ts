import type { TableClient, TableEntity, TableEntityResult } from '@azure/data-tables';
import { getOrUndefined, guardStore, statusCodeOf } from './store-errors';

type Row = TableEntity<Record<string, unknown>>;

/** Inserts the row; false when a row with its keys is there already (409), so exactly one writer wins. */
export async function createUnlessExists(table: TableClient, row: Row): Promise<boolean> {
  return guardStore(async () => {
    try {
      await table.createEntity(row);
      return true;
    } catch (error) {
      if (statusCodeOf(error) === 409) return false;
      throw error;
    }
  });
}

/**
 * A claim row, inserted; or, when it is there already, taken over only when `mayTakeOver` says its run died
 * (its lease ran out) and nobody changed or removed it since it was read. True when this run holds the claim.
 */
export async function claimRow(
  table: TableClient,
  claim: Row,
  mayTakeOver: (existing: TableEntityResult<Record<string, unknown>>) => boolean,
): Promise<boolean> {
  if (await createUnlessExists(table, claim)) return true;
  return guardStore(async () => {
    const existing = await getOrUndefined<Record<string, unknown>>(table, claim.partitionKey, claim.rowKey);
    if (!existing || !mayTakeOver(existing)) return false;
    try {
      await table.updateEntity(claim, 'Replace', { etag: existing.etag });
      return true;
    } catch (error) {
      const status = statusCodeOf(error);
      if (status === 412 || status === 404) return false;
      throw error;
    }
  });
}

/** Removes the row; a row that is not there (404) is already what was wanted. */
export async function deleteIfExists(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<void> {
  await guardStore(async () => {
    try {
      await table.deleteEntity(partitionKey, rowKey);
    } catch (error) {
      if (statusCodeOf(error) !== 404) throw error;
    }
  });
}
