import { StoreUnavailableError } from '../domain/store-unavailable';

/** Storage failures the domain understands (StoreUnavailableError); anything else is rethrown as it came. */

interface RestErrorLike {
  statusCode?: number;
  code?: string;
}

export function statusCodeOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const code = (error as RestErrorLike).statusCode;
    return typeof code === 'number' ? code : undefined;
  }
  return undefined;
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
    if (isUnavailable(error)) throw new StoreUnavailableError(error);
    throw error;
  }
}

/** The store could not be opened at start-up: one line that says what to change. */
export class StorageStartError extends Error {
  override name = 'StorageStartError';
}
