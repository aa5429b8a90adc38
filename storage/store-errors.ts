import { isRestError } from '@azure/core-rest-pipeline';
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import { StoreUnavailableError } from '../domain/store-unavailable';

/** Storage failures the domain understands (StoreUnavailableError); anything else is rethrown as it came. */

interface RestErrorLike {
  code?: string;
}

/** The HTTP status of a storage failure (the SDK's RestError), undefined for anything else. */
export function statusCodeOf(error: unknown): number | undefined {
  return isRestError(error) ? error.statusCode : undefined;
}

/** One row by its keys, or undefined when there is none (404); a store that is not there as guardStore says. */
export async function getOrUndefined<T extends object>(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<TableEntityResult<T> | undefined> {
  return guardStore(async () => {
    try {
      return await table.getEntity<T>(partitionKey, rowKey);
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  });
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'REQUEST_SEND_ERROR',
]);

/** True for "the store is not there": refused, reset, timed out, or a 5xx from the service. */
export function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  // Our request timeout aborts the request; nothing else in the bot aborts storage calls.
  if ((error as { name?: string }).name === 'AbortError') return true;
  const code = (error as RestErrorLike).code;
  if (code && NETWORK_CODES.has(code)) return true;
  const status = statusCodeOf(error);
  if (status !== undefined) return status === 503 || status === 500 || status === 502 || status === 504;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error ? isUnavailable(cause) : false;
}

/** Maps a network-level failure to StoreUnavailableError and rethrows everything else unchanged. */
export async function guardStore<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    // Already mapped by an inner guard (a read inside a claim): kept as it is, not wrapped again.
    if (error instanceof StoreUnavailableError) throw error;
    if (isUnavailable(error)) throw new StoreUnavailableError(error);
    throw error;
  }
}

/** The store could not be opened at start-up: one line that says what to change. */
export class StorageStartError extends Error {
  override name = 'StorageStartError';
}
