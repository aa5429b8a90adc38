import { statusOf, type ActionStatus } from '../domain/action-status';
import { describeDirection } from '../domain/board-cycle/direction-of-travel';
import {
  AMBER_UNCHANGED_DIGESTS,
  describeExceptionReason,
  exceptionReport,
  type ExceptionInput,
  type ExceptionReason,
  type ExceptionRow,
  type AmberRuns,
  type SnapshotRags,
} from '../domain/board-cycle/exception-rules';
import { formatBoardTime } from '../domain/relative-time';
import { plural } from '../domain/wording';
import type { Plan } from '../plan/plan-schema';
import type { ExceptionGroupView, ExceptionRowView, ExceptionsView } from './board-cycle-view-model';
import {
  persistenceText,
  readableTargetDates,
  targetDates,
  targetText,
  updatedText,
} from './board-cycle-views';
import type { ViewContext } from './view-context';

export interface ExceptionsInput {
  plan: Plan;
  statuses: ReadonlyMap<string, ActionStatus>;
  /** Every posted digest's snapshot, in any order; only the newest when amberRuns is given. */
  snapshots: readonly SnapshotRags[];
  amberRuns?: AmberRuns;
  staleDays: number;
  /** Actions escalated now: who was told and when. */
  escalations?: ExceptionInput['escalations'];
}

/** What needs the board's attention, by priority: the exception rules, worded for the card and the digest. */
export function exceptionGroups(input: ExceptionsInput, context: ViewContext): ExceptionGroupView[] {
  const { plan, statuses } = input;
  const groups = exceptionReport({
    plan,
    // A stored date that is not a real date is left out rather than stopping the whole report.
    statuses: new Map(
      [...statuses].map(([id, status]) => [id, { ...status, ...readableTargetDates(status) }]),
    ),
    snapshots: input.snapshots,
    escalations: input.escalations,
    ...(input.amberRuns ? { amberRuns: input.amberRuns } : {}),
    now: context.now,
    staleDays: input.staleDays,
    timeZone: context.timeZone,
  });
  return groups.map((group) => ({
    priorityNumber: group.priorityNumber,
    priorityTitle: group.priorityTitle,
    rows: group.rows.map((row) => rowView(row, statusOf(statuses, row.actionId), context)),
  }));
}

export function exceptionsView(input: ExceptionsInput, context: ViewContext): ExceptionsView {
  const groups = exceptionGroups(input, context);
  return {
    title: input.plan.title,
    basis: basisText(input, context),
    groups,
    total: groups.reduce((sum, group) => sum + group.rows.length, 0),
  };
}

function rowView(row: ExceptionRow, status: ActionStatus, context: ViewContext): ExceptionRowView {
  const direction = describeDirection(row.travel);
  const persistence = persistenceText(status, context);
  const owner = row.ownerName ?? row.ownerEmail;
  const target = targetText(targetDates(row, undefined));
  return {
    actionId: row.actionId,
    title: row.title,
    rag: row.rag,
    ...(row.travel.direction === 'new'
      ? {}
      : { travel: { direction: row.travel.direction, text: direction } }),
    ...(persistence ? { persistence } : {}),
    ...(owner ? { owner } : {}),
    ...(row.leadAgency ? { lead: row.leadAgency } : {}),
    // The RAG badge already says "Red"; the reasons say what else put the action here.
    reasons: row.reasons.map(describeExceptionReason),
    updated: updatedText(status, context),
    ...(target ? { target } : {}),
    ...(row.correctiveActionLine ? { correctiveAction: row.correctiveActionLine } : {}),
    correctiveActionMissing: row.rag === 'red' && row.correctiveAction === undefined,
    severity: Math.min(...row.reasons.map((reason) => SEVERITY.indexOf(reason.kind))),
  };
}

const SEVERITY: readonly ExceptionReason['kind'][] = [
  'red',
  // Raised with the business manager: the board must not lose it when the list is trimmed.
  'escalated',
  'amberUnchanged',
  'overdue',
  'noRecentUpdate',
  'neverUpdated',
];

function basisText(input: ExceptionsInput, context: ViewContext): string {
  const stale = `No update for ${plural(input.staleDays, 'day', 'days')} counts as stale`;
  if (input.snapshots.length === 0) {
    return `${stale}. No digest has been posted yet, so direction of travel and "amber for ${AMBER_UNCHANGED_DIGESTS} digests" start with the first.`;
  }
  const latest = input.snapshots.reduce((a, b) => (Date.parse(b.takenAt) > Date.parse(a.takenAt) ? b : a));
  return `${stale}; direction of travel is since the digest of ${formatBoardTime(new Date(latest.takenAt), context.timeZone)}.`;
}

/**
 * The `limit` most pressing rows (reds first, never-updated last; plan order among equals), shown in their
 * priority groups in plan order: a trimmed list never drops a red to keep a never-updated action.
 */
export function firstRows(groups: readonly ExceptionGroupView[], limit: number): ExceptionGroupView[] {
  const ranked = groups
    .flatMap((group) => group.rows)
    .map((row, order) => ({ row, order }))
    .sort((a, b) => a.row.severity - b.row.severity || a.order - b.order)
    .slice(0, Math.max(0, limit));
  const kept = new Set(ranked.map(({ row }) => row));
  return groups
    .map((group) => ({ ...group, rows: group.rows.filter((row) => kept.has(row)) }))
    .filter((group) => group.rows.length > 0);
}

export function rowCount(groups: readonly ExceptionGroupView[]): number {
  return groups.reduce((sum, group) => sum + group.rows.length, 0);
}
