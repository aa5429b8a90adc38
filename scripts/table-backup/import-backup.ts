import fs from 'node:fs';
import path from 'node:path';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { TableClients } from '../../storage/table-clients';
import {
  BACKUP_MANIFEST_FILE,
  BackupRefusedError,
  backupManifestSchema,
  backupRowSchema,
  toTableEntity,
  type BackupManifest,
  type BackupRow,
} from './backup-format';
import { storedRowProblem } from './stored-row-check';
import { tableLimitProblem } from './table-limits';

export interface ImportOptions {
  tables: TableClients;
  inDir: string;
  /** Write into tables that already hold rows, replacing rows with the same keys. */
  force: boolean;
}

export interface ImportResult {
  manifest: BackupManifest;
  written: { table: string; rows: number }[];
}

/**
 * A write failed part way (the store, not the backup, which was checked whole before the first write):
 * what came before it is in the tables. Says how to finish, and how to roll back.
 */
export class ImportInterruptedError extends Error {
  constructor(
    table: string,
    index: number,
    total: number,
    written: string[],
    force: boolean,
    cause: unknown,
  ) {
    const why = ((cause as Error).message ?? String(cause)).split('\n')[0];
    const rollBack = force
      ? 'to roll back, import the export you took before this import with --force'
      : `to roll back, delete the rows of ${[...written, table].join(', ')} (they were empty before) and start again`;
    super(
      `Import stopped at row ${index + 1} of ${total} of ${table}: ${why}. ` +
        `Rows before it are written${written.length > 0 ? `, and all of ${written.join(', ')}` : ''}. ` +
        `To finish, fix the cause and run the same import again with --force; ${rollBack}.`,
      { cause },
    );
    this.name = 'ImportInterruptedError';
  }
}

/** Reads and checks the whole backup, then the target tables, before writing a single row. */
export async function importBackup({ tables, inDir, force }: ImportOptions): Promise<ImportResult> {
  const { manifest, rows } = readBackup(inDir);
  if (!force) {
    const holding = [];
    for (const { table } of manifest.tables) {
      if (await holdsRows(tables[table])) holding.push(tables[table].tableName);
    }
    if (holding.length > 0) {
      throw new BackupRefusedError(
        `${holding.join(', ')} already hold rows; import restores into empty tables (--force replaces rows with the same keys)`,
      );
    }
  }
  const written: { table: string; rows: number }[] = [];
  for (const { table } of manifest.tables) {
    const client = tables[table];
    const tableRows = rows.get(table) ?? [];
    for (const batch of batchesOf(tableRows)) {
      const actions = batch.rows.map((row): TransactionAction =>
        force ? ['upsert', toTableEntity(row), 'Replace'] : ['create', toTableEntity(row)],
      );
      try {
        await client.submitTransaction(actions);
      } catch (error) {
        const done = written.map((entry) => entry.table);
        throw new ImportInterruptedError(client.tableName, batch.start, tableRows.length, done, force, error);
      }
    }
    written.push({ table: client.tableName, rows: tableRows.length });
  }
  return { manifest, written };
}

/** The service's limits for one entity-group transaction, with room for the request's own framing. */
const MAX_BATCH_ROWS = 100;
const MAX_BATCH_CHARS = 2_000_000;

/**
 * Runs of rows with the same partition key (a backup lists them in key order), each small enough for one
 * transaction: a hundred rows a request instead of one.
 */
function* batchesOf(rows: BackupRow[]): Generator<{ start: number; rows: BackupRow[] }> {
  let batch: { start: number; rows: BackupRow[] } | undefined;
  let chars = 0;
  for (const [index, row] of rows.entries()) {
    const size = JSON.stringify(row).length;
    if (
      batch &&
      (batch.rows[0].partitionKey !== row.partitionKey ||
        batch.rows.length === MAX_BATCH_ROWS ||
        chars + size > MAX_BATCH_CHARS)
    ) {
      yield batch;
      batch = undefined;
    }
    if (!batch) {
      batch = { start: index, rows: [] };
      chars = 0;
    }
    batch.rows.push(row);
    chars += size;
  }
  if (batch) yield batch;
}

function readBackup(inDir: string): { manifest: BackupManifest; rows: Map<string, BackupRow[]> } {
  const manifestPath = path.join(inDir, BACKUP_MANIFEST_FILE);
  if (!fs.existsSync(manifestPath)) {
    throw new BackupRefusedError(`${manifestPath} not found: not a finished backup made by npm run export`);
  }
  const parsed = backupManifestSchema.safeParse(
    parseJson(manifestPath, fs.readFileSync(manifestPath, 'utf8')),
  );
  if (!parsed.success)
    throw new BackupRefusedError(`${manifestPath} is not valid: ${describe(parsed.error)}`);
  const manifest = parsed.data;
  const listed = new Map<string, number>();
  for (const [index, { table, file }] of manifest.tables.entries()) {
    for (const name of [table, path.basename(file)]) {
      const earlier = listed.get(name);
      if (earlier !== undefined)
        throw new BackupRefusedError(
          `${manifestPath}: tables entry ${index + 1} repeats ${name} of entry ${earlier}; a backup lists each table once`,
        );
      listed.set(name, index + 1);
    }
  }
  const rows = new Map<string, BackupRow[]>();
  for (const { table, file, rows: expected } of manifest.tables) {
    const filePath = path.join(inDir, path.basename(file));
    if (!fs.existsSync(filePath)) throw new BackupRefusedError(`${filePath} not found`);
    const lines = fs.readFileSync(filePath, 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    const lineOfKeys = new Map<string, number>();
    const tableRows = lines.map((line, index) => {
      const where = `${filePath} line ${index + 1}`;
      const row = backupRowSchema.safeParse(parseJson(where, line));
      if (!row.success) throw new BackupRefusedError(`${where} is not a valid row: ${describe(row.error)}`);
      const problem = tableLimitProblem(row.data) ?? storedRowProblem(table, row.data);
      if (problem)
        throw new BackupRefusedError(`${where} ${JSON.stringify(row.data.rowKey.slice(0, 80))}: ${problem}`);
      const keys = JSON.stringify([row.data.partitionKey, row.data.rowKey]);
      const earlier = lineOfKeys.get(keys);
      if (earlier !== undefined) throw new BackupRefusedError(`${where} repeats the keys of line ${earlier}`);
      lineOfKeys.set(keys, index + 1);
      return row.data;
    });
    if (tableRows.length !== expected) {
      throw new BackupRefusedError(
        `${filePath} has ${tableRows.length} rows, ${BACKUP_MANIFEST_FILE} says ${expected}`,
      );
    }
    rows.set(table, tableRows);
  }
  return { manifest, rows };
}

async function holdsRows(table: TableClient): Promise<boolean> {
  const pages = table.listEntities({ queryOptions: { select: ['RowKey'] } }).byPage({ maxPageSize: 1 });
  // The service may return an empty page with a continuation, so look until a row or the end.
  for await (const page of pages) if (page.length > 0) return true;
  return false;
}

function parseJson(where: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BackupRefusedError(`${where} is not JSON: ${(error as Error).message}`);
  }
}

function describe(error: { issues: { path: (string | number)[]; message: string }[] }): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(top)'} ${issue.message}`).join('; ');
}
