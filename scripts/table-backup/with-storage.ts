import { loadConfig, type Config } from '../../bot/config';
import { oneLineProblem } from '../../bot/one-line-problem';
import { openStorage, type Storage } from '../../bot/composition-root';
import { createLogger } from '../../bot/logger';
import { settingsOrSay } from '../support/settings-or-say';
import { BackupRefusedError } from './backup-format';
import { ImportInterruptedError } from './import-backup';

/**
 * Runs a backup command against the storage the bot itself would use (same settings, same tables), and
 * turns the failures a person can fix into one clear line and exit code 1. Anything else is a bug: rethrown.
 */
export async function withStorage(
  work: (storage: Storage, config: Config) => Promise<string>,
): Promise<number> {
  const config = settingsOrSay(loadConfig);
  if (!config) return 1;
  let storage: Storage | undefined;
  try {
    // Logs (embedded Azurite starting) go to stderr; stdout is the command's result.
    storage = await openStorage(config, createLogger(config.logLevel, process.stderr));
    console.log(await work(storage, config));
    return 0;
  } catch (error) {
    if (error instanceof BackupRefusedError || error instanceof ImportInterruptedError) {
      console.error(error.message);
      return 1;
    }
    const problem = oneLineProblem(error);
    if (problem === undefined) throw error;
    console.error(problem);
    return 1;
  } finally {
    await storage?.close();
  }
}
