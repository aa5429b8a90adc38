import path from 'node:path';
import { parseArgs } from 'node:util';
import { importBackup } from './table-backup/import-backup';
import { runCommand } from './table-backup/run-command';
import { withStorage } from './table-backup/with-storage';

const USAGE = 'Usage: npm run import -- --in <folder written by npm run export> [--force]';

/**
 * `npm run import -- --in backups/2026-12-02`: restores a backup into the bot's storage (the same settings
 * as `npm start`; TABLE_PREFIX may differ from the backup's). Refuses tables that already hold rows unless
 * --force, which replaces rows with the same keys and leaves the others.
 */
runCommand(USAGE, () => {
  const { values } = parseArgs({
    options: { in: { type: 'string' }, force: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  if (!values.in) return undefined;
  const inDir = path.resolve(values.in);
  return withStorage(async (storage) => {
    const { manifest, written } = await importBackup({ tables: storage.tables, inDir, force: values.force });
    const counts = written.map(({ table, rows }) => `${table} ${rows}`).join(', ');
    return `Imported the backup of ${manifest.exportedAt} (prefix ${manifest.tablePrefix}): ${counts} rows.`;
  });
});
