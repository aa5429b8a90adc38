import type { ActionStatus, HistoryEntry } from '../action-status';
import { decideTarget } from '../target-and-lead';
import type { IsoDate } from './calendar-date';

/**
 * Every action's status as it stood at `asAt`, rebuilt from its history alone: history is append-only, so
 * the same entries give the same statuses however much later it is asked. Entries after `asAt` are
 * ignored. A redaction rewrites the redacted change's note in place, so a note taken out reads as its
 * "[redacted by …]" text here too, never as what it said.
 *
 * A target change is replayed by the rule that made it (decideTarget: the first target, or a revision
 * beside the original, the plan file's `due` counting as one), a lead change sets the lead. An update
 * keeps the impact and evidence it does not restate (as a typed update does); its corrective action is
 * its own.
 */
export function statusesAsAt(
  history: readonly HistoryEntry[],
  asAt: Date,
  planDue: (actionId: string) => IsoDate | undefined = () => undefined,
): Map<string, ActionStatus> {
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
    const due = planDue(actionId);
    statuses.set(
      actionId,
      oldestFirst.reduce((status, entry) => applyChange(status, entry, due), never),
    );
  }
  return statuses;
}

function applyChange(status: ActionStatus, entry: HistoryEntry, planDue: IsoDate | undefined): ActionStatus {
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
  if (entry.kind === 'owner')
    next = defined({ ...next, ownerEmail: entry.ownerEmail, ownerName: undefined, ownerSince: entry.at });
  if (entry.kind === 'target' && entry.targetDate !== undefined) {
    const decision = decideTarget(next, planDue, entry.targetDate);
    if (decision.kind === 'set') next = { ...next, ...decision.fields };
  }
  if (entry.kind === 'lead' && entry.leadAgency !== undefined)
    next = { ...next, leadAgency: entry.leadAgency };
  return next;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
