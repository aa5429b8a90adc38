import type { ActionStatus, StoredStatus } from '../action-status';
import type { HistoryChange, StoredHistoryEntry } from '../history-entry';
import { answersTo, isBoardAdmin, type Person } from '../person';

/**
 * What a decision on an action's fresh status says: record this change, or answer without storing.
 * Every decide function is pure; the write pipeline (app/write-pipeline.ts) reads, numbers, writes and replays.
 */
export type Decision<Refusal> =
  | {
      kind: 'write';
      /** The status fields the change moves; the pipeline numbers the change and keeps the rest. */
      fields: Partial<Omit<ActionStatus, 'actionId' | 'version'>>;
      /** What the history records, besides who, when and which action (history-entry.ts builds the entry). */
      change: HistoryChange;
      /** A redaction: the earlier change, rewritten in the same atomic step. */
      replaces?: StoredHistoryEntry;
      /** A redaction: later changes that restate the removed words, rewritten in the same step too. */
      alsoReplaces?: readonly StoredHistoryEntry[];
    }
  | Refused<Refusal>;

/** An answer that stores nothing. */
export interface Refused<Refusal> {
  kind: 'refuse';
  refusal: Refusal;
  /**
   * A redelivery of a change already applied also meets this refusal ("unchanged", "changed since the
   * form"): the answer the first delivery got wins over it.
   */
  mayBeRedelivery?: boolean;
}

export const write = (
  change: HistoryChange,
  fields: Extract<Decision<never>, { kind: 'write' }>['fields'],
  replaces?: StoredHistoryEntry,
  alsoReplaces?: readonly StoredHistoryEntry[],
): Decision<never> => ({ kind: 'write', fields, change, replaces, alsoReplaces });

export const refuse = <Refusal>(refusal: Refusal, mayBeRedelivery = false): Refused<Refusal> => ({
  kind: 'refuse',
  refusal,
  mayBeRedelivery,
});

/** Who is who for a change: the board admins by address, the rest from the action's status. */
export interface Rights {
  boardAdmins: readonly string[];
}

export function isAdmin(rights: Rights, person: Person): boolean {
  return isBoardAdmin(person, rights.boardAdmins);
}

/**
 * Once the owner's object id is known, the owner is that Entra account (a renamed owner keeps the
 * action, another account with their old name gets nothing); until then, whoever signs in with the
 * assigned address.
 */
export function isOwner(person: Person, status: ActionStatus): boolean {
  if (status.ownerEmail === undefined) return false;
  if (status.ownerAadObjectId !== undefined) return person.aadObjectId === status.ownerAadObjectId;
  return answersTo(person, status.ownerEmail);
}

/** The owner and the board admins may update an action; nobody without a sign-in address may. */
export function mayUpdate(rights: Rights, person: Person, status: ActionStatus): boolean {
  if (!person.email) return false;
  return isAdmin(rights, person) || isOwner(person, status);
}

export function withoutEtag(status: StoredStatus): ActionStatus {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { etag, ...rest } = status;
  return rest;
}
