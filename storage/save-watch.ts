import { AsyncLocalStorage } from 'node:async_hooks';
import type { SaveWatch } from '../app/save-watch';
import { StoreUnavailableError } from '../domain/store-unavailable';

const watching = new AsyncLocalStorage<SaveWatch>();

/** Record writes made inside `work` (however deep in the use case) report to `watch`. */
export function watchSaves<T>(watch: SaveWatch, work: () => Promise<T>): Promise<T> {
  return watching.run(watch, work);
}

/** The answer was given without this write: it must not be sent, or "not saved" would become untrue. */
export class WriteAfterAnswerError extends StoreUnavailableError {
  constructor() {
    super(new Error('the answer was given before this write was sent; not sent'));
    this.name = 'WriteAfterAnswerError';
  }
}

/**
 * Wraps one record write (a transaction that commits a change, or refuses as a conflict). Outside a
 * watched turn it is the write alone.
 */
export async function watchedWrite<T>(
  write: () => Promise<T>,
  committed: (result: T) => boolean,
): Promise<T> {
  const watch = watching.getStore();
  if (!watch) return write();
  if (watch.closed && watch.state === 'none') throw new WriteAfterAnswerError();
  watch.state = 'sent';
  const result = await write();
  // A refused write (a conflict) stored nothing; an error leaves 'sent': a write that timed out may be stored.
  watch.state = committed(result) ? 'committed' : 'none';
  return result;
}
