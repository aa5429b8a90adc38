import type { PlanAction } from '../../plan/plan-schema';
import type { ActionStatus, StoredStatus } from '../action-status';
import { wordsOf, type ChangeOf, type HistoryEntry, type StoredHistoryEntry } from '../history-entry';
import type { Person } from '../person';
import { refuse, write, type Decision, type Refused } from './decision';

export interface RedactionRequest {
  actionId: string;
  /** The change whose note goes: its number in the history. */
  version: number;
  reason: string;
  by: Person;
  delivery?: string;
}

export type RedactionOutcome =
  | {
      kind: 'redacted';
      action: PlanAction;
      /** The audit entry recording the redaction. */
      audit: ChangeOf<'redaction'>;
      /** What the change's note now reads. */
      replacement: string;
      /**
       * The texts taken out, so the caller can remove their copies (posted digests). Never log them.
       * Absent when answering a redelivery: that copy work was done by the first delivery.
       */
      removed?: string[];
      /** When the redacted change was made: with the action, what names it on posted cards. */
      changeAt?: string;
    }
  | { kind: 'unknownAction'; actionId: string }
  | { kind: 'notAllowed' }
  | { kind: 'invalidReason'; problem: string }
  | { kind: 'noSuchChange'; actionId: string; version: number; changes: number }
  | { kind: 'noNote'; actionId: string; version: number }
  /** `at` and `replacement` (what the note reads now) let a caller sweep the copies again. */
  | { kind: 'alreadyRedacted'; actionId: string; version: number; at?: string; replacement?: string }
  | { kind: 'busy' };

/** A redaction that may go ahead: the text it removes (never log it) and what replaces it. */
export interface PreparedRedaction {
  kind: 'ready';
  /** Every text of the change: its note, and a status update's impact, evidence link and corrective action. */
  removed: string[];
  replacement: string;
  at: Date;
}

/** A change with words a person typed: a status update, a target date's reason, a lead agency. */
type Redactable = ChangeOf<'status' | 'target' | 'lead'> & { etag?: string };

/** What a redacted change's words read now, whichever field held them. */
export function redactedWordsOf(change: HistoryEntry): string | undefined {
  if (change.kind === 'status') return change.note;
  if (change.kind === 'target') return change.reason;
  return change.kind === 'lead' ? change.leadAgency : undefined;
}

/** The change to redact (`found`, read by its number), or why it cannot be. */
export function changeToRedact(
  actionId: string,
  version: number,
  found: StoredHistoryEntry | undefined,
  changes: number,
): Redactable | Refused<RedactionOutcome> {
  if (!found || version < 1) return refuse({ kind: 'noSuchChange', actionId, version, changes });
  if (found.redacted) {
    const replacement = redactedWordsOf(found);
    return refuse({ kind: 'alreadyRedacted', actionId, version, at: found.at, replacement }, true);
  }
  if (found.kind === 'owner' || found.kind === 'redaction' || wordsOf(found).length === 0) {
    return refuse({ kind: 'noNote', actionId, version });
  }
  return found;
}

/**
 * Takes one change's words out of the record: the change keeps its status, author and time, its note
 * reads `replacement`, the current note too when it was that one, and the redaction is recorded as a
 * change of its own (which change, why; never the removed text).
 */
export function decideRedaction(
  actionId: string,
  request: { version: number; reason: string },
  replacement: string,
  found: StoredHistoryEntry | undefined,
  previous: StoredStatus,
  later: readonly StoredHistoryEntry[] = [],
): Decision<RedactionOutcome> {
  const change = changeToRedact(actionId, request.version, found, previous.version);
  if (change.kind === 'refuse') return change;
  const audit = { kind: 'redaction' as const, redactsVersion: change.version, reason: request.reason };
  if (change.kind === 'target') return write(audit, {}, { ...change, reason: replacement, redacted: true });
  if (change.kind === 'lead') {
    // The agency stands in the current status, and the next lead change names it as the one it replaced.
    const current = previous.leadAgency === change.leadAgency ? { leadAgency: replacement } : {};
    const restated = later
      .filter((entry) => entry.kind === 'lead' && entry.previousLeadAgency === change.leadAgency)
      .map((entry) => ({ ...entry, previousLeadAgency: replacement }));
    return write(audit, current, { ...change, leadAgency: replacement, redacted: true }, restated);
  }
  // The current note came from this change when it is the same words written at the same moment; a
  // detail the status still holds in the same words goes too, wherever it was restated.
  const currentNoteIsThis =
    change.note !== undefined && previous.note === change.note && previous.updatedAt === change.at;
  const rewritten: StoredHistoryEntry = {
    ...change,
    note: change.note === undefined ? undefined : replacement,
    ...redactedDetails(change, change, replacement),
    redacted: true,
  };
  return write(
    audit,
    {
      ...(currentNoteIsThis ? { note: replacement } : {}),
      ...redactedDetails(previous, change, replacement),
    },
    rewritten,
  );
}

/**
 * A redaction's effect on a status or change holding the redacted change's details: the impact and
 * corrective action read as the redaction, the evidence link goes (a link is not worth keeping as "[redacted]").
 */
function redactedDetails(
  holder: Pick<ActionStatus, 'impact' | 'evidenceUrl' | 'correctiveAction'>,
  change: ChangeOf<'status'>,
  replacement: string,
): Pick<ActionStatus, 'impact' | 'evidenceUrl' | 'correctiveAction'> {
  const same = (field: 'impact' | 'evidenceUrl' | 'correctiveAction') =>
    change[field] !== undefined && holder[field] === change[field];
  return {
    ...(same('impact') ? { impact: replacement } : {}),
    ...(same('evidenceUrl') ? { evidenceUrl: undefined } : {}),
    ...(same('correctiveAction') ? { correctiveAction: replacement } : {}),
  };
}
