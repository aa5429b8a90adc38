import { ConfigError, loadConfig, type Config } from '../../bot/config';
import { openStorage, type Storage } from '../../bot/composition-root';
import { createLogger } from '../../bot/logger';
import { isUnavailable, StorageStartError } from '../../storage/store-errors';
import { BackupRefusedError } from './backup-format';
import { ImportInterruptedError } from './import-backup';

/**
 * Runs a backup command against the storage the bot itself would use (same settings, same tables), and
 * turns the failures a person can fix into one clear line and exit code 1. Anything else is a bug: rethrown.
 */
export async function withStorage(
  work: (storage: Storage, config: Config) => Promise<string>,
): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 1;
  }
  let storage: Storage | undefined;
  try {
    // Logs (embedded Azurite starting) go to stderr; stdout is the command's result.
    storage = await openStorage(config, createLogger(config.logLevel, process.stderr));
    console.log(await work(storage, config));
    return 0;
  } catch (error) {
    if (
      error instanceof BackupRefusedError ||
      error instanceof ImportInterruptedError ||
      error instanceof StorageStartError
    ) {
      console.error(error.message);
      return 1;
    }
    if (isUnavailable(error)) {
      console.error(
        `Table storage cannot be reached: ${describeCause(error)}. Check AZURE_STORAGE_CONNECTION_STRING.`,
      );
      return 1;
    }
    throw error;
  } finally {
    await storage?.close();
  }
}

function describeCause(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
