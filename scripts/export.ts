import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportBackup } from './table-backup/export-backup';
import { runCommand } from './table-backup/run-command';
import { withStorage } from './table-backup/with-storage';

const USAGE = 'Usage: npm run export -- --out <new or empty folder>';

/**
 * `npm run export -- --out backups/2026-12-02`: every table of the bot's storage (the same settings as
 * `npm start`) to JSON lines, restorable with `npm run import`. Azure Tables has no point-in-time restore.
 */
runCommand(USAGE, () => {
  const { values } = parseArgs({
    options: { out: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (!values.out) return undefined;
  const outDir = path.resolve(values.out);
  return withStorage(async (storage, config) => {
    const manifest = await exportBackup({
      tables: storage.tables,
      tablePrefix: config.tablePrefix,
      outDir,
      now: new Date(),
    });
    const counts = manifest.tables.map(({ table, rows }) => `${table} ${rows}`).join(', ');
    return `Exported to ${outDir}: ${counts} rows.`;
  });
});
