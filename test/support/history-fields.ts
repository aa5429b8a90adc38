import type { HistoryEntry } from '../../domain/history-entry';

type AllKeys<T> = T extends unknown ? keyof T : never;
type FieldOf<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/** Any change's fields by name (absent where its kind has none): for tests comparing rows across kinds. */
export type AnyChangeFields = { [K in AllKeys<HistoryEntry>]?: FieldOf<HistoryEntry, K> };

export function fieldsOf(entry: HistoryEntry | undefined): AnyChangeFields {
  return entry ?? {};
}
