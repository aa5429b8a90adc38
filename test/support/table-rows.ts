import type { TableClient } from '@azure/data-tables';

/** Every row of a table by partition and row key, with its ETag: any insert, replace or delete shows. */
export async function tableRows(table: TableClient): Promise<Record<string, string>> {
  const rows: Record<string, string> = {};
  for await (const row of table.listEntities()) rows[`${row.partitionKey}|${row.rowKey}`] = row.etag;
  return rows;
}
