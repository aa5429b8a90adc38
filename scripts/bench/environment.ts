import fs from 'node:fs';
import os from 'node:os';
import type { TestUser } from '../support/teams-activities';
import { shippedPlanFile } from '../support/repo-paths';

export function describeMachine(): string {
  const cpus = os.cpus();
  return (
    `Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ` +
    `${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}.`
  );
}

export function azuriteVersion(): string {
  const manifest = fs.readFileSync(require.resolve('azurite/package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

/** The real bot's settings: the shipped plan, every speaker an admin, no scheduled digest. */
export function botEnvironment(
  connectionString: string,
  tablePrefix: string,
  speakers: TestUser[],
): Record<string, string> {
  return {
    PORT: '0',
    AZURE_STORAGE_CONNECTION_STRING: connectionString,
    TABLE_PREFIX: tablePrefix,
    PLAN_FILE: shippedPlanFile,
    BOARD_ADMINS: speakers.map((speaker) => speaker.email).join(','),
    DIGEST_SCHEDULE: 'off',
    LOG_LEVEL: 'info',
  };
}
