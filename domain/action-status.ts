import type { RagStatus } from './rag-status';

/** The current state of one action: its RAG, latest note and owner. */
export interface ActionStatus {
  actionId: string;
  rag: RagStatus;
  note?: string;
  /** How many changes (status updates and owner changes) the action has had; 0 before the first. */
  version: number;
  /** When the RAG or note was last updated (ISO 8601), and by whom. */
  updatedAt?: string;
  updatedByEmail?: string;
  updatedByName?: string;
  ownerEmail?: string;
  ownerName?: string;
  /** The owner's Teams user id, when known: Teams refreshes shared cards into a form for them. */
  ownerTeamsUserId?: string;
  /** The owner's Entra object id, once known: from then on the owner is that account, whatever its name. */
  ownerAadObjectId?: string;
}

/** One change, kept for ever: a correction is a new entry, never an edit. */
export interface HistoryEntry {
  actionId: string;
  version: number;
  kind: 'status' | 'owner';
  at: string;
  byEmail: string;
  byName: string;
  fromRag: RagStatus;
  toRag: RagStatus;
  note?: string;
  ownerEmail?: string;
  previousOwnerEmail?: string;
}

/** A status read from the store, with what the store needs to detect a concurrent change. */
export interface StoredStatus extends ActionStatus {
  etag?: string;
}

export function initialStatus(actionId: string): StoredStatus {
  return { actionId, rag: 'not_started', version: 0 };
}

export type AppendResult = 'saved' | 'conflict';

/** What the status service needs from storage. One plan per store. */
export interface StatusStore {
  /** Every action's current status in one read. Actions never updated are absent. */
  readAll(): Promise<Map<string, StoredStatus>>;
  read(actionId: string): Promise<StoredStatus | undefined>;
  /**
   * Appends the history entry and moves the current status in one atomic step, only if the current
   * status is still `previous` (none yet when previous.version is 0). 'conflict' when it has moved on.
   */
  append(previous: StoredStatus, next: ActionStatus, entry: HistoryEntry): Promise<AppendResult>;
  /** Newest first. */
  readHistory(actionId: string, limit: number): Promise<HistoryEntry[]>;
}
