import type { Plan } from '../../plan/plan-schema';
import { localDaysBetween } from '../digest/local-calendar';
import type { RagStatus } from '../rag-status';
import { formatCalendarDate, type IsoDate } from './calendar-date';
import { directionOfTravel, type DirectionOfTravel } from './direction-of-travel';
import { currentTargetDate, daysOverdue } from './target-date';
import { plural } from '../wording';

/** An action's current state as the exception report reads it; absent from the map means never touched. */
export interface ExceptionStatus {
  rag: RagStatus;
  version: number;
  /** When the RAG or note was last updated (ISO 8601); absent when never updated. */
  updatedAt?: string;
  ownerEmail?: string;
  ownerName?: string;
  /** The first target date set (when absent, the plan file's `due` is the first target). */
  targetDate?: IsoDate;
  /** The target as last revised, when it has been. */
  revisedTargetDate?: IsoDate;
  /** Overrides the plan file's `lead`. */
  leadAgency?: string;
  correctiveAction?: string;
}

/** The part of a digest snapshot the report reads (a DigestSnapshot is one). */
export interface SnapshotRags {
  takenAt: string;
  actions: Readonly<Record<string, { rag: RagStatus }>>;
}

export interface ExceptionInput {
  plan: Plan;
  statuses: ReadonlyMap<string, ExceptionStatus>;
  /** Digests already posted, in any order; only the most recent few matter. */
  snapshots: readonly SnapshotRags[];
  /**
   * When given, how many digests in a row each action was amber at (amberRunsOf the same digests), so
   * `snapshots` need only hold the newest.
   */
  amberRuns?: AmberRuns;
  now: Date;
  staleDays: number;
  timeZone: string;
  /** Actions escalated now (silent after reminders, or without an owner): who was told, and the day. */
  escalations?: ReadonlyMap<string, EscalationMark>;
}

/** An action escalated and still silent: who was told (names, joined) and on which day it was raised. */
export interface EscalationMark {
  to: string;
  on: IsoDate;
}

export type ExceptionReason =
  | { kind: 'red' }
  | { kind: 'amberUnchanged'; digests: number }
  | { kind: 'overdue'; days: number }
  | { kind: 'noRecentUpdate'; days: number }
  | { kind: 'neverUpdated' }
  | ({ kind: 'escalated' } & EscalationMark);

export interface ExceptionRow {
  actionId: string;
  title: string;
  rag: RagStatus;
  travel: DirectionOfTravel;
  ownerEmail?: string;
  ownerName?: string;
  leadAgency?: string;
  /** Undefined when never updated. */
  daysSinceUpdate?: number;
  targetDate?: IsoDate;
  revisedTargetDate?: IsoDate;
  daysOverdue?: number;
  /** As recorded, when it was. */
  correctiveAction?: string;
  /** What the row shows for it: the recorded text, or NO_CORRECTIVE_ACTION for a red without one. */
  correctiveActionLine?: string;
  /** In the order of ExceptionReason's kinds; never empty. */
  reasons: ExceptionReason[];
}

export interface ExceptionGroup {
  priorityNumber: number;
  priorityTitle: string;
  rows: ExceptionRow[];
}

/** Amber at this many digests in a row, and still amber, is stuck rather than in hand. */
export const AMBER_UNCHANGED_DIGESTS = 3;
/** Older data may hold a red without one; new updates cannot. */
export const NO_CORRECTIVE_ACTION = 'no corrective action recorded';

/**
 * What needs the board's attention, by priority in plan order: reds; ambers unchanged for
 * AMBER_UNCHANGED_DIGESTS digests or more; actions past their current target date; actions with no update for
 * `staleDays` days on the board's calendar (as the digest's stale list counts them); actions never updated.
 * Complete actions are never exceptions. Priorities with nothing to report are left out.
 */
export function exceptionReport(input: ExceptionInput): ExceptionGroup[] {
  const snapshots = [...input.snapshots].sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt));
  const groups: ExceptionGroup[] = [];
  for (const priority of input.plan.priorities) {
    const rows: ExceptionRow[] = [];
    for (const action of priority.actions) {
      const status = input.statuses.get(action.id) ?? { rag: 'not_started', version: 0 };
      const row = exceptionRow(action, status, snapshots, input);
      if (row) rows.push(row);
    }
    if (rows.length > 0) {
      groups.push({ priorityNumber: priority.number, priorityTitle: priority.title, rows });
    }
  }
  return groups;
}

function exceptionRow(
  action: Plan['priorities'][number]['actions'][number],
  status: ExceptionStatus,
  newestFirst: readonly SnapshotRags[],
  input: ExceptionInput,
): ExceptionRow | undefined {
  if (status.rag === 'complete') return undefined;
  const reasons: ExceptionReason[] = [];
  if (status.rag === 'red') reasons.push({ kind: 'red' });
  const amberDigests =
    status.rag !== 'amber'
      ? 0
      : input.amberRuns
        ? (input.amberRuns[action.id] ?? 0)
        : consecutiveAmberDigests(action.id, newestFirst);
  if (amberDigests >= AMBER_UNCHANGED_DIGESTS)
    reasons.push({ kind: 'amberUnchanged', digests: amberDigests });
  const targetDate = status.targetDate ?? action.due;
  const target = currentTargetDate({ revisedTargetDate: status.revisedTargetDate, targetDate });
  const overdue = target === undefined ? undefined : daysOverdue(target, input.now, input.timeZone);
  if (overdue !== undefined) reasons.push({ kind: 'overdue', days: overdue });
  const daysSinceUpdate =
    status.updatedAt === undefined
      ? undefined
      : localDaysBetween(new Date(status.updatedAt), input.now, input.timeZone);
  if (daysSinceUpdate === undefined) reasons.push({ kind: 'neverUpdated' });
  else if (daysSinceUpdate >= input.staleDays)
    reasons.push({ kind: 'noRecentUpdate', days: daysSinceUpdate });
  const escalation = input.escalations?.get(action.id);
  if (escalation) reasons.push({ kind: 'escalated', ...escalation });
  if (reasons.length === 0) return undefined;

  const correctiveActionLine =
    status.correctiveAction ?? (status.rag === 'red' ? NO_CORRECTIVE_ACTION : undefined);
  return {
    actionId: action.id,
    title: action.title,
    rag: status.rag,
    travel: directionOfTravel(status.rag, newestFirst[0]?.actions[action.id]?.rag),
    ...defined({
      ownerEmail: status.ownerEmail,
      ownerName: status.ownerName,
      leadAgency: status.leadAgency ?? action.lead,
      daysSinceUpdate,
      targetDate,
      revisedTargetDate: status.revisedTargetDate,
      daysOverdue: overdue,
      correctiveAction: status.correctiveAction,
      correctiveActionLine,
    }),
    reasons,
  };
}

/** How many of the latest digests, newest first and without a break, found the action amber. */
function consecutiveAmberDigests(actionId: string, newestFirst: readonly SnapshotRags[]): number {
  let count = 0;
  for (const snapshot of newestFirst) {
    if (snapshot.actions[actionId]?.rag !== 'amber') break;
    count += 1;
  }
  return count;
}

/**
 * How many digests in a row, up to the newest, found each action amber (absent: none). What "amber for 3
 * digests" counts, kept as one small record that each digest moves on, instead of every snapshot.
 */
export type AmberRuns = Readonly<Record<string, number>>;

export function amberRunsAfter(previous: AmberRuns, next: SnapshotRags): Record<string, number> {
  const runs: Record<string, number> = {};
  for (const [actionId, entry] of Object.entries(next.actions))
    if (entry.rag === 'amber') runs[actionId] = (previous[actionId] ?? 0) + 1;
  return runs;
}

export function amberRunsOf(snapshots: readonly SnapshotRags[]): Record<string, number> {
  const oldestFirst = [...snapshots].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
  return oldestFirst.reduce<Record<string, number>>((runs, snapshot) => amberRunsAfter(runs, snapshot), {});
}

/** Rows carry only the fields that have a value, so they compare and serialise cleanly. */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * "Red", "Amber with no change for 3 digests", "overdue by 12 days", "no update for 21 days", "never updated",
 * "escalated to Beth Manager on 7 December 2026".
 */
export function describeExceptionReason(reason: ExceptionReason): string {
  switch (reason.kind) {
    case 'red':
      return 'Red';
    case 'amberUnchanged':
      return `Amber with no change for ${reason.digests} digests`;
    case 'overdue':
      return `overdue by ${plural(reason.days, 'day')}`;
    case 'noRecentUpdate':
      return `no update for ${plural(reason.days, 'day')}`;
    case 'neverUpdated':
      return 'never updated';
    case 'escalated':
      return `escalated to ${reason.to} on ${formatCalendarDate(reason.on)}`;
  }
}
