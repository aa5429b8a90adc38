import type { ActionStatus } from '../domain/action-status';
import { statusOf } from '../domain/action-status';
import { todayIn } from '../domain/board-cycle/calendar-date';
import type { EscalationMark } from '../domain/board-cycle/exception-rules';
import type { ReminderCount } from '../domain/digest-ports';
import type { EscalationRecipient, EscalationRecord } from '../domain/escalation/escalation-ports';
import { silentSince, type EscalationFacts } from '../domain/escalation/escalation-rule';
import { joinWithAnd } from '../domain/wording';

/** Which recorded escalations still stand, and how the digest, `exceptions` and the board pack mark them. */

/** An action escalated during its current silence: since when, and who has been told. */
export interface CurrentEscalation {
  actionId: string;
  since: string;
  lastAt: string;
  told: EscalationRecipient[];
}

/** What the escalation rule reads of an action's status and its owner's reminders. */
export function factsOf(status: ActionStatus, reminders: ReminderCount | undefined): EscalationFacts {
  return {
    rag: status.rag,
    updatedAt: status.updatedAt,
    ownerEmail: status.ownerEmail,
    ownerSince: status.ownerSince,
    lastRemindedAt: reminders?.lastAt,
  };
}

/**
 * The escalations that still stand: raised at or after the start of the action's current silence. An
 * update or a new owner moves the start of silence past them, which is what ends an escalation.
 */
export function currentEscalations(
  records: readonly EscalationRecord[],
  statuses: ReadonlyMap<string, ActionStatus>,
  planStart: string | undefined,
): Map<string, CurrentEscalation> {
  const current = new Map<string, CurrentEscalation>();
  for (const record of records) {
    const status = statusOf(statuses, record.actionId);
    if (status.rag === 'complete') continue;
    const since = silentSince(factsOf(status, undefined), planStart ?? record.silentSince);
    if (Date.parse(record.at) < Date.parse(since)) continue;
    const known = current.get(record.actionId);
    const told = [...(known?.told ?? [])];
    for (const recipient of record.told)
      if (!told.some((other) => other.email === recipient.email)) told.push(recipient);
    current.set(record.actionId, {
      actionId: record.actionId,
      since: known?.since ?? record.at,
      lastAt: record.at,
      told,
    });
  }
  return current;
}

/** Each standing escalation as the exception rules mark it: who was told, and the day it was first raised. */
export function marksOf(
  current: ReadonlyMap<string, CurrentEscalation>,
  timeZone: string,
): Map<string, EscalationMark> {
  const marks = new Map<string, EscalationMark>();
  for (const [actionId, escalation] of current) {
    marks.set(actionId, {
      to: joinWithAnd(escalation.told.map((recipient) => recipient.name)),
      on: todayIn(new Date(escalation.since), timeZone),
    });
  }
  return marks;
}

/**
 * The escalations still standing in the weekly job's record: each ends once its action is complete, or an
 * update or a new owner has started a new silence after it was last raised.
 */
export function standingFromRecord(
  record: { planStart: string; escalations: readonly CurrentEscalation[] } | undefined,
  statuses: ReadonlyMap<string, ActionStatus>,
): Map<string, CurrentEscalation> {
  const standing = new Map<string, CurrentEscalation>();
  for (const escalation of record?.escalations ?? []) {
    const status = statusOf(statuses, escalation.actionId);
    if (status.rag === 'complete') continue;
    const since = silentSince(factsOf(status, undefined), record?.planStart ?? escalation.since);
    if (Date.parse(escalation.lastAt) < Date.parse(since)) continue;
    standing.set(escalation.actionId, escalation);
  }
  return standing;
}
