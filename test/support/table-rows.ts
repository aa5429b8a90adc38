import { TableClient, TableServiceClient } from '@azure/data-tables';
import { sharedAzurite } from './azurite';

/** Every row of a table by partition and row key, with its ETag: any insert, replace or delete shows. */
export async function tableRows(table: TableClient): Promise<Record<string, string>> {
  const rows: Record<string, string> = {};
  for await (const row of table.listEntities()) rows[`${row.partitionKey}|${row.rowKey}`] = row.etag;
  return rows;
}

/** Every property of every row of every table with this prefix (in the shared Azurite), as text. */
export async function everyStoredRow(prefix: string): Promise<string[]> {
  const { connectionString } = await sharedAzurite();
  const options = { allowInsecureConnection: true };
  const service = TableServiceClient.fromConnectionString(connectionString, options);
  const rows: string[] = [];
  for await (const table of service.listTables()) {
    if (!table.name?.startsWith(prefix)) continue;
    const client = TableClient.fromConnectionString(connectionString, table.name, options);
    for await (const row of client.listEntities()) rows.push(`${table.name}: ${JSON.stringify(row)}`);
  }
  return rows;
}
