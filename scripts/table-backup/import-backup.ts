import fs from 'node:fs';
import path from 'node:path';
import type { TableClient } from '@azure/data-tables';
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

/** A write failed part way: what came before it is in the tables, so a re-run needs --force. */
export class ImportInterruptedError extends Error {
  constructor(table: string, index: number, total: number, cause: unknown) {
    super(
      `Import stopped writing row ${index + 1} of ${total} to ${table}: ${(cause as Error).message ?? String(cause)}. ` +
        'The rows before it are restored; fix the cause and run the import again with --force to finish.',
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
  const written = [];
  for (const { table } of manifest.tables) {
    const client = tables[table];
    const tableRows = rows.get(table) ?? [];
    for (const [index, row] of tableRows.entries()) {
      const entity = toTableEntity(row);
      try {
        await (force ? client.upsertEntity(entity, 'Replace') : client.createEntity(entity));
      } catch (error) {
        throw new ImportInterruptedError(client.tableName, index, tableRows.length, error);
      }
    }
    written.push({ table: client.tableName, rows: tableRows.length });
  }
  return { manifest, written };
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
  const rows = new Map<string, BackupRow[]>();
  for (const { table, file, rows: expected } of manifest.tables) {
    const filePath = path.join(inDir, path.basename(file));
    if (!fs.existsSync(filePath)) throw new BackupRefusedError(`${filePath} not found`);
    const lines = fs.readFileSync(filePath, 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    const tableRows = lines.map((line, index) => {
      const where = `${filePath} line ${index + 1}`;
      const row = backupRowSchema.safeParse(parseJson(where, line));
      if (!row.success) throw new BackupRefusedError(`${where} is not a valid row: ${describe(row.error)}`);
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
