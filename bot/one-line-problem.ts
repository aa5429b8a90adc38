import { PlanFileError } from '../plan/load-plan';
import { isUnavailable, StorageStartError } from '../storage/store-errors';
import { ConfigError } from './config';

/**
 * A failure a person can fix (bad settings, the data folder in use by a running bot, storage that cannot
 * be reached, a bad plan file) as the one line a command prints instead of a stack trace; undefined for
 * anything else, which is a bug and keeps its stack.
 */
export function oneLineProblem(error: unknown): string | undefined {
  if (error instanceof ConfigError || error instanceof StorageStartError || error instanceof PlanFileError)
    return error.message;
  if (isUnavailable(error))
    return `Table storage cannot be reached (${rootCause(error)}): check AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL, and that the storage is running.`;
  return undefined;
}

/** What to print for any failure: the one line when there is one, else the stack. */
export function describeFailure(error: unknown): string {
  return oneLineProblem(error) ?? ((error as Error)?.stack || String(error));
}

function rootCause(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  const code = (current as { code?: unknown }).code;
  const message = current instanceof Error ? current.message : String(current);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
