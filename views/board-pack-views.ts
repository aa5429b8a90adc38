import { statusOf, type ActionStatus, type HistoryEntry } from '../domain/action-status';
import type { IsoDate } from '../domain/board-cycle/calendar-date';
import {
  directionOfTravel,
  type DirectionOfTravel as DomainDirection,
} from '../domain/board-cycle/direction-of-travel';
import type { ExceptionGroup, ExceptionReason } from '../domain/board-cycle/exception-rules';
import { describeExceptionReason } from '../domain/board-cycle/exception-rules';
import { currentTargetDate } from '../domain/board-cycle/target-date';
import { RAG_LABELS, countRags, type RagStatus } from '../domain/rag-status';
import { plural } from '../domain/wording';
import type { Plan, PlanAction } from '../plan/plan-schema';
import { boardDay, boardMoment } from './board-dates';
import { leadOf, targetDates } from './board-cycle-views';
import type {
  ActionRow,
  BoardDay,
  BoardPackView,
  ChangeRow,
  DirectionOfTravel,
  ExceptionRow,
} from './board-pack-view-model';

export interface BoardPackInput {
  plan: Plan;
  /** Each action's status at `asAt`; absent means never changed by then. */
  statuses: ReadonlyMap<string, ActionStatus>;
  /** Each action's status at the point direction of travel is measured from; absent: no direction. */
  earlier: ReadonlyMap<string, RagStatus>;
  /** The exception report over `statuses`; absent when there is none. */
  exceptions?: readonly ExceptionGroup[];
  /** The changes made in the period (any order); each becomes one row of the appendix. */
  changes: readonly HistoryEntry[];
  /**
   * How a person is named in the pack, given their address and the name history last recorded for them:
   * "Dana Lee (Thames Valley Police)", or the full address for someone with no known name.
   */
  personName: (email: string, recordedName?: string) => string;
  /** The protective marking printed on every page. */
  marking: string;
  asAt: Date;
  period: { from: IsoDate; to: IsoDate };
  generatedAt: Date;
  generatedBy: string;
  timeZone: string;
}

export const NO_OWNER = 'No owner yet';

/** The board pack's view-model: the plan as it stood at `asAt`, worded for the board. */
export function boardPackView(input: BoardPackInput): BoardPackView {
  const { plan, timeZone } = input;
  const rows = new Map<string, ActionRow>();
  for (const action of plan.priorities.flatMap((priority) => priority.actions)) {
    rows.set(action.id, actionRow(action, input));
  }
  const actionsOf = (actions: readonly PlanAction[]) =>
    actions.map((action) => rows.get(action.id) as ActionRow);
  const titles = new Map(
    plan.priorities.flatMap((p) => p.actions).map((action) => [action.id, action.title]),
  );
  return {
    title: 'OSCB board pack',
    planName: plan.title,
    marking: input.marking,
    asAt: boardDay(input.asAt, timeZone),
    period: { from: calendarDay(input.period.from), to: calendarDay(input.period.to) },
    generatedAt: boardMoment(input.generatedAt, timeZone),
    producedAt: input.generatedAt.toISOString(),
    generatedBy: input.generatedBy,
    summary: {
      overall: countRags([...rows.values()].map((row) => row.status)),
      byPriority: plan.priorities.map((priority) => ({
        priorityNumber: priority.number,
        priorityTitle: priority.title,
        counts: countRags(actionsOf(priority.actions).map((row) => row.status)),
      })),
    },
    ...(input.exceptions
      ? { exceptions: input.exceptions.flatMap((group) => group.rows.map((row) => exceptionRow(row, rows))) }
      : {}),
    aims: plan.aims.map((aim) => ({
      number: aim.number,
      title: aim.title,
      priorities: plan.priorities
        .filter((priority) => priority.aim === aim.number)
        .map((priority) => ({
          number: priority.number,
          title: priority.title,
          actions: actionsOf(priority.actions),
        })),
    })),
    changes: [...input.changes]
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.version - b.version)
      .map((change) => changeRow(change, titles.get(change.actionId) ?? '', input)),
  };
}

function actionRow(action: PlanAction, input: BoardPackInput): ActionRow {
  const status = statusOf(input.statuses, action.id);
  const earlier = input.earlier.get(action.id);
  // An action never updated has no direction to show: "No change (was Not started)" says nothing.
  const direction =
    earlier === undefined || status.updatedAt === undefined
      ? undefined
      : viewDirection(directionOfTravel(status.rag, earlier), status.rag);
  // The first target, and the current one beside it when it was revised (dates that are not real are left out).
  const dates = targetDates(status, action.due);
  const first = dates.original ?? dates.current;
  const lead = leadOf(action, status);
  return defined({
    id: action.id,
    title: action.title,
    owner: status.ownerEmail === undefined ? NO_OWNER : input.personName(status.ownerEmail, status.ownerName),
    leadAgency: lead,
    status: status.rag,
    direction,
    targetDate: first === undefined ? undefined : calendarDay(first),
    revisedDate: dates.original === undefined || !dates.current ? undefined : calendarDay(dates.current),
    latestNote: status.note,
    impact: status.impact,
    evidenceUrl: status.evidenceUrl,
    correctiveAction: status.correctiveAction,
    lastUpdated:
      status.updatedAt === undefined ? undefined : boardMoment(new Date(status.updatedAt), input.timeZone),
  });
}

function exceptionRow(
  row: ExceptionGroup['rows'][number],
  actions: ReadonlyMap<string, ActionRow>,
): ExceptionRow {
  const action = actions.get(row.actionId);
  const target = currentTargetDate(row);
  return defined({
    actionId: row.actionId,
    actionTitle: row.title,
    owner: action?.owner ?? NO_OWNER,
    leadAgency: row.leadAgency,
    status: row.rag,
    direction:
      row.daysSinceUpdate === undefined
        ? undefined
        : (viewDirection(row.travel, row.rag) ?? action?.direction),
    daysSinceUpdate: row.daysSinceUpdate,
    targetDate: target === undefined ? undefined : calendarDay(target),
    correctiveAction: row.correctiveActionLine,
    reasons: row.reasons.map(plainReason),
  });
}

/** The pack's direction: none for an action no earlier status holds. */
function viewDirection(travel: DomainDirection, now: RagStatus): DirectionOfTravel | undefined {
  if (travel.direction === 'new') return undefined;
  return { trend: travel.direction, earlierStatus: travel.was ?? now };
}

/** Why a row is an exception, as a board paper says it: "red", "amber for 3 digests", "overdue by 12 days". */
export function plainReason(reason: ExceptionReason): string {
  switch (reason.kind) {
    case 'red':
      return 'red';
    case 'amberUnchanged':
      return `amber for ${plural(reason.digests, 'digest')}`;
    case 'overdue':
      return `overdue by ${plural(reason.days, 'day')}`;
    case 'noRecentUpdate':
      return `no update for ${plural(reason.days, 'day')}`;
    case 'neverUpdated':
      return 'never updated';
    case 'escalated':
      return describeExceptionReason(reason);
  }
}

function changeRow(change: HistoryEntry, actionTitle: string, input: BoardPackInput): ChangeRow {
  return {
    at: boardMoment(new Date(change.at), input.timeZone),
    by: input.personName(change.byEmail, change.byName),
    actionId: change.actionId,
    actionTitle,
    from: change.fromRag,
    to: change.toRag,
    note: changeNote(change),
  };
}

/** What a change said; for a change that is not a status update, what it changed. */
export function changeNote(change: HistoryEntry): string {
  switch (change.kind) {
    case 'owner':
      return change.previousOwnerEmail
        ? `Owner changed from ${change.previousOwnerEmail} to ${change.ownerEmail}.`
        : `Owner set to ${change.ownerEmail}.`;
    case 'redaction':
      return `Took the note of change #${change.redactsVersion} out of the record${change.reason ? `: ${change.reason}` : ''}.`;
    case 'target': {
      const was = change.previousTargetDate ? ` (was ${calendarDay(change.previousTargetDate).label})` : '';
      const why = change.reason ? `: ${change.reason}` : '.';
      return `Target date set to ${calendarDay(change.targetDate).label}${was}${why}`;
    }
    case 'lead': {
      const was = change.previousLeadAgency ? ` (was ${change.previousLeadAgency})` : '';
      return `Lead agency set to ${change.leadAgency}${was}.`;
    }
    case 'status':
      return change.note ?? `Status set to ${RAG_LABELS[change.toRag]}.`;
  }
}

/** A calendar date as the board reads it; noon UTC is that same day everywhere the label is made. */
function calendarDay(date: IsoDate): BoardDay {
  return boardDay(new Date(`${date}T12:00:00Z`), 'UTC');
}

function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}
