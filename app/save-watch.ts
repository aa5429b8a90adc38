/**
 * What an answer with a deadline knows about the record write it may be waiting for:
 * - `none`: no write has been sent (or the ones sent were refused as conflicts), so nothing is stored;
 * - `sent`: a write is with the store and has not answered, so it may or may not be stored;
 * - `committed`: the store confirmed the write.
 */
export type SaveState = 'none' | 'sent' | 'committed';

export interface SaveWatch {
  state: SaveState;
  /**
   * Set when the answer has been given without waiting any longer: a write not yet sent is then refused
   * before it reaches the store, so an answer of "not saved" stays true.
   */
  closed: boolean;
}

/** Runs work with its record writes reported to the watch (the store side lives in storage/). */
export type WatchSaves = <T>(watch: SaveWatch, work: () => Promise<T>) => Promise<T>;
