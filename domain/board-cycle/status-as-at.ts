import type { ActionStatus, HistoryEntry } from '../action-status';

/**
 * Every action's status as it stood at `asAt`, rebuilt from its history alone: history is append-only, so
 * the same entries give the same statuses however much later it is asked. Entries after `asAt` are
 * ignored. A redaction rewrites the redacted change's note in place, so a note taken out reads as its
 * "[redacted by …]" text here too, never as what it said.
 *
 * Read field by field rather than by kind, so target-date and lead-agency changes count however they are
 * kinded: a change carrying `targetDate` sets the target (the first one when nothing was set before it,
 * a revision when it replaced one), one carrying `leadAgency` sets the lead. An update keeps the impact
 * and evidence it does not restate (as a typed update does); its corrective action is its own.
 */
export function statusesAsAt(history: readonly HistoryEntry[], asAt: Date): Map<string, ActionStatus> {
  const until = asAt.getTime();
  const byAction = new Map<string, HistoryEntry[]>();
  for (const entry of history) {
    if (Date.parse(entry.at) > until) continue;
    const entries = byAction.get(entry.actionId) ?? [];
    entries.push(entry);
    byAction.set(entry.actionId, entries);
  }
  const statuses = new Map<string, ActionStatus>();
  for (const [actionId, entries] of byAction) {
    const oldestFirst = entries.sort((a, b) => a.version - b.version);
    const never: ActionStatus = { actionId, rag: 'not_started', version: 0 };
    statuses.set(actionId, oldestFirst.reduce(applyChange, never));
  }
  return statuses;
}

function applyChange(status: ActionStatus, entry: HistoryEntry): ActionStatus {
  let next: ActionStatus = { ...status, version: Math.max(status.version, entry.version) };
  if (entry.kind === 'status') {
    next = defined({
      ...next,
      rag: entry.toRag,
      note: entry.note,
      updatedAt: entry.at,
      updatedByEmail: entry.byEmail,
      updatedByName: entry.byName,
      ragSince: entry.toRag !== status.rag ? entry.at : status.ragSince,
      impact: entry.impact ?? status.impact,
      evidenceUrl: entry.evidenceUrl ?? status.evidenceUrl,
      correctiveAction: entry.correctiveAction,
    });
  }
  if (entry.kind === 'owner') next = defined({ ...next, ownerEmail: entry.ownerEmail, ownerName: undefined });
  if (entry.targetDate !== undefined && entry.kind !== 'status') {
    // A change with a previous target revised it; the first target set had none before it.
    next =
      entry.previousTargetDate === undefined && next.targetDate === undefined
        ? { ...next, targetDate: entry.targetDate }
        : { ...next, revisedTargetDate: entry.targetDate };
  }
  if (entry.leadAgency !== undefined && entry.kind !== 'status')
    next = { ...next, leadAgency: entry.leadAgency };
  return next;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
