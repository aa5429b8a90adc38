import type { HistoryEntry, StoredHistoryEntry } from './history-entry';
import type { RagStatus } from './rag-status';

// The store port speaks in changes; their one definition is history-entry.ts.
export type { HistoryEntry, HistoryKind, StoredHistoryEntry } from './history-entry';
export { HISTORY_KINDS } from './history-entry';

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
  /** When the current owner was assigned (ISO 8601): their silence counts from then at the earliest. */
  ownerSince?: string;
  /** The owner's Teams user id, when known: Teams refreshes shared cards into a form for them. */
  ownerTeamsUserId?: string;
  /** The owner's Entra object id, once known: from then on the owner is that account, whatever its name. */
  ownerAadObjectId?: string;
  /** When the RAG last changed (ISO 8601), for "Amber for 4 weeks"; absent for data older than it. */
  ragSince?: string;
  /** The latest update's impact so far, evidence link (https only) and corrective action (reds). */
  impact?: string;
  evidenceUrl?: string;
  correctiveAction?: string;
  /** The first target date set by `due` (YYYY-MM-DD); the plan file's `due` when never set. */
  targetDate?: string;
  /** The current target after a revision; absent until the first revision. */
  revisedTargetDate?: string;
  /** The lead agency set by `lead`; the plan file's `lead` when never set. */
  leadAgency?: string;
}

/** The change an activity (by its delivery key) produced, for answering a redelivery the same way. */
export interface DeliveredChange {
  actionId: string;
  version: number;
}

export interface AppendOptions {
  /** Identifies the delivery (conversation + activity id): stored with the change, so it applies once. */
  delivery?: string;
  /** A redaction: the history entry rewritten in the same step, guarded by its ETag. */
  replaces?: StoredHistoryEntry;
  /** A redaction: later entries that restate the removed words, rewritten in the same step too. */
  alsoReplaces?: readonly StoredHistoryEntry[];
}

/** A status read from the store, with what the store needs to detect a concurrent change. */
export interface StoredStatus extends ActionStatus {
  etag?: string;
}

export function initialStatus(actionId: string): StoredStatus {
  return { actionId, rag: 'not_started', version: 0 };
}

/** An action's current status; one never updated is "not started". */
export function statusOf(statuses: ReadonlyMap<string, ActionStatus>, actionId: string): ActionStatus {
  return statuses.get(actionId) ?? initialStatus(actionId);
}

/** 'saved' carries the current row's new ETag, when the store reports it, so the next write can skip a read. */
export type AppendResult = { kind: 'saved'; etag?: string } | { kind: 'conflict' };

/** What the status service needs from storage. One plan per store. */
export interface StatusStore {
  /** Every action's current status in one read. Actions never updated are absent. */
  readAll(): Promise<Map<string, StoredStatus>>;
  read(actionId: string): Promise<StoredStatus | undefined>;
  /**
   * Appends the history entry and moves the current status in one atomic step, only if the current
   * status is still `previous` (none yet when previous.version is 0). 'conflict' when it has moved on,
   * when `replaces` has changed, or when the delivery was already applied.
   */
  append(
    previous: StoredStatus,
    next: ActionStatus,
    entry: HistoryEntry,
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /** The change a delivery produced, if it was applied. */
  delivered(delivery: string): Promise<DeliveredChange | undefined>;
  /** Newest first, starting at change `fromVersion` (the newest when absent). */
  readHistory(actionId: string, limit: number, fromVersion?: number): Promise<HistoryEntry[]>;
  readChange(actionId: string, version: number): Promise<StoredHistoryEntry | undefined>;
  /**
   * The action's changes made in [from, before) (ISO 8601 instants; no `before` means up to now), newest
   * first, at most `limit`, and how many the period holds in all.
   */
  readHistoryInPeriod(
    actionId: string,
    period: { from: string; before?: string },
    limit: number,
  ): Promise<{ entries: HistoryEntry[]; total: number }>;
}
