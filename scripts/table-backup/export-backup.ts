import fs from 'node:fs';
import path from 'node:path';
import type { TableClients, TableName } from '../../storage/table-clients';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BACKUP_MANIFEST_FILE,
  BackupRefusedError,
  backupRowSchema,
  tableFileName,
  type BackupManifest,
} from './backup-format';
import { makePrivateFolder, PRIVATE_FILE_MODE } from '../../storage/private-files';
import { readTypedRows } from './read-typed-rows';

export interface ExportOptions {
  tables: TableClients;
  tablePrefix: string;
  outDir: string;
  now: Date;
}

/**
 * Writes every table to `<outDir>/<table>.jsonl`, then backup.json. The folder must be new or empty, so
 * one backup is never mixed with another; backup.json comes last, so an interrupted export is not a backup.
 */
export async function exportBackup({
  tables,
  tablePrefix,
  outDir,
  now,
}: ExportOptions): Promise<BackupManifest> {
  refuseUnlessNewOrEmpty(outDir);
  try {
    makePrivateFolder(outDir);
  } catch (error) {
    throw new BackupRefusedError(`cannot make ${outDir}: ${(error as Error).message}`);
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    tablePrefix,
    tables: [],
  };
  for (const table of Object.keys(tables) as TableName[]) {
    const file = tableFileName(table);
    const out = fs.openSync(path.join(outDir, file), 'wx', PRIVATE_FILE_MODE);
    let rows = 0;
    try {
      for await (const row of readTypedRows(tables[table])) {
        // What import will accept, checked now rather than on the day of a restore.
        fs.writeSync(out, `${JSON.stringify(backupRowSchema.parse(row))}\n`);
        rows += 1;
      }
    } finally {
      fs.closeSync(out);
    }
    manifest.tables.push({ table, file, rows });
  }
  fs.writeFileSync(path.join(outDir, BACKUP_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, {
    flag: 'wx',
    mode: PRIVATE_FILE_MODE,
  });
  return manifest;
}

/** One backup a folder: an existing file, or a folder with anything in it, is refused in one line. */
function refuseUnlessNewOrEmpty(outDir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(outDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new BackupRefusedError(`cannot read ${outDir}: ${(error as Error).message}`);
  }
  if (!stat.isDirectory()) throw new BackupRefusedError(`${outDir} is a file; export into a new folder`);
  if (fs.readdirSync(outDir).length > 0)
    throw new BackupRefusedError(`${outDir} is not empty; export into a new folder`);
}
