import type { ActionStatus, HistoryEntry } from './action-status';

/**
 * Every free text a person typed into a change, by kind: what a redaction takes out. A status update's
 * note, impact, corrective action and evidence link; a target change's reason; a lead change's agency.
 * (Dates, owners' addresses and a redaction's own reason, checked when typed, are not free text here.)
 */
export function typedTextsOf(change: HistoryEntry): string[] {
  const texts =
    change.kind === 'status'
      ? [change.note, change.impact, change.correctiveAction, change.evidenceUrl]
      : change.kind === 'target'
        ? [change.reason]
        : change.kind === 'lead'
          ? [change.leadAgency]
          : [];
  return [...new Set(texts.filter((text): text is string => !!text))];
}

/** The change's own typed texts replaced (a link removed: not worth keeping as "[redacted]"). */
export function withTypedTextsRedacted<T extends HistoryEntry>(change: T, replacement: string): T {
  const replaced = (text: string | undefined) => (text === undefined ? undefined : replacement);
  switch (change.kind) {
    case 'status':
      return {
        ...change,
        note: replaced(change.note),
        impact: replaced(change.impact),
        correctiveAction: replaced(change.correctiveAction),
        evidenceUrl: undefined,
      };
    case 'target':
      return { ...change, reason: replaced(change.reason) };
    case 'lead':
      return { ...change, leadAgency: replaced(change.leadAgency) };
    default:
      return change;
  }
}

/** What a redacted change's words read now, whichever field held them. */
export function redactedWordsOf(change: HistoryEntry): string | undefined {
  return change.note ?? change.reason ?? change.leadAgency;
}

/** A lead change's agency restated where it still stands: the current status. */
export function currentLeadRedacted(
  current: Pick<ActionStatus, 'leadAgency'>,
  change: HistoryEntry,
  replacement: string,
): Pick<ActionStatus, 'leadAgency'> {
  return change.kind === 'lead' && change.leadAgency !== undefined && current.leadAgency === change.leadAgency
    ? { leadAgency: replacement }
    : {};
}

/** Later lead changes that name the redacted agency as the one they replaced, with it redacted there too. */
export function laterCopiesRedacted<T extends HistoryEntry>(
  later: readonly T[],
  change: HistoryEntry,
  replacement: string,
): T[] {
  if (change.kind !== 'lead' || change.leadAgency === undefined) return [];
  return later
    .filter((entry) => entry.kind === 'lead' && entry.previousLeadAgency === change.leadAgency)
    .map((entry) => ({ ...entry, previousLeadAgency: replacement }));
}
