import { ConfigError } from '../../bot/config';

/**
 * The settings `load` reads from the environment; undefined once what is wrong with them (a ConfigError)
 * has been said in one line on stderr, for the script to exit 1. Anything else is a bug: rethrown.
 */
export function settingsOrSay<T>(load: () => T): T | undefined {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return undefined;
  }
}
