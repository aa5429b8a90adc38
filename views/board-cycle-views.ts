import { statusOf, type ActionStatus } from '../domain/action-status';
import { formatCalendarDate, type IsoDate } from '../domain/board-cycle/calendar-date';
import { describeDirection, directionOfTravel } from '../domain/board-cycle/direction-of-travel';
import type { SnapshotRags } from '../domain/board-cycle/exception-rules';
import { describePersistence } from '../domain/board-cycle/rag-persistence';
import { currentTargetDate, daysOverdue, describeTargetDistance } from '../domain/board-cycle/target-date';
import { localDaysBetween } from '../domain/digest/local-calendar';
import { countRags, type RagCounts, type RagStatus } from '../domain/rag-status';
import { plural } from '../domain/wording';
import { isIsoCalendarDate } from '../plan/iso-calendar-date';
import type { PlanAction, Priority } from '../plan/plan-schema';
import type { ActionCycleView, TravelRollUpView, TravelView } from './board-cycle-view-model';
import type { ViewContext } from './view-context';

/** The statuses the previous digest recorded; a DigestSnapshot is one. */
export type PreviousDigest = Pick<SnapshotRags, 'actions'>;

/** The status now against the previous digest's; undefined when there was none (first digest, new action). */
export function travelView(now: RagStatus, atPreviousDigest: RagStatus | undefined): TravelView | undefined {
  const travel = directionOfTravel(now, atPreviousDigest);
  if (travel.direction === 'new') return undefined;
  return { direction: travel.direction, text: describeDirection(travel) };
}

/** Direction, persistence, target and lead for one action; the plan file's `due` and `lead` stand in when unset. */
export function actionCycleView(
  action: PlanAction,
  status: ActionStatus,
  previous: PreviousDigest | undefined,
  context: ViewContext,
): ActionCycleView {
  const travel = travelView(status.rag, previous?.actions[action.id]?.rag);
  const persistence = persistenceText(status, context);
  const dates = targetDates(status, action.due);
  const overdue = overdueText(status.rag, dates, context);
  const lead = leadOf(action, status);
  return {
    ...(travel ? { travel } : {}),
    ...(persistence ? { persistence } : {}),
    ...(overdue ? { overdue } : {}),
    ...(dates.current ? { target: targetText(dates) } : {}),
    ...(lead ? { lead } : {}),
  };
}

/** How a set of actions moved since the previous digest; undefined before the first digest. */
export function travelRollUp(
  actionIds: readonly string[],
  statuses: ReadonlyMap<string, ActionStatus>,
  previous: PreviousDigest | undefined,
): TravelRollUpView | undefined {
  if (!previous) return undefined;
  const counts = { improving: 0, worsening: 0, same: 0 };
  for (const id of actionIds) {
    const travel = travelView(statusOf(statuses, id).rag, previous.actions[id]?.rag);
    if (travel) counts[travel.direction] += 1;
  }
  const parts = [
    counts.improving > 0 ? `↑ ${counts.improving} improving` : '',
    counts.worsening > 0 ? `↓ ${counts.worsening} worsening` : '',
  ].filter(Boolean);
  const text = parts.length > 0 ? parts.join(' · ') : counts.same > 0 ? '→ no change' : '';
  return text === '' ? undefined : { ...counts, text };
}

/** A priority's RAG counts and, once there was a digest, how its actions moved since: the plan card's and the digest's row. */
export function priorityRollUp(
  priority: Priority,
  statuses: ReadonlyMap<string, ActionStatus>,
  previous: PreviousDigest | undefined,
): { counts: RagCounts; travel?: string } {
  const travel = travelRollUp(
    priority.actions.map((action) => action.id),
    statuses,
    previous,
  );
  return { counts: priorityCounts(priority, statuses), ...(travel ? { travel: travel.text } : {}) };
}

export function priorityCounts(priority: Priority, statuses: ReadonlyMap<string, ActionStatus>): RagCounts {
  return countRags(priority.actions.map((action) => statusOf(statuses, action.id).rag));
}

/** "Amber for 4 weeks", from when the RAG last changed; undefined when that is not known. */
export function persistenceText(status: ActionStatus, context: ViewContext): string | undefined {
  if (status.ragSince === undefined) return undefined;
  const since = new Date(status.ragSince);
  if (Number.isNaN(since.getTime())) return undefined;
  return describePersistence(status.rag, since, context.now, context.timeZone);
}

export interface TargetDates {
  /** The date the action is held to now. */
  current?: IsoDate;
  /** The first target, when a revision replaced it. */
  original?: IsoDate;
}

/** The first and current target dates; a stored date that is not a real date is left out, not shown wrong. */
export function targetDates(
  status: Pick<ActionStatus, 'targetDate' | 'revisedTargetDate'>,
  planDue: IsoDate | undefined,
): TargetDates {
  const first = readable(status.targetDate) ?? readable(planDue);
  const revised = readable(status.revisedTargetDate);
  const current = currentTargetDate({ revisedTargetDate: revised, targetDate: first });
  return {
    ...(current ? { current } : {}),
    ...(revised && first && revised !== first ? { original: first } : {}),
  };
}

/** The lead agency now: the one set with `lead`, else the plan file's. */
export function leadOf(
  action: Pick<PlanAction, 'lead'>,
  status: Pick<ActionStatus, 'leadAgency'>,
): string | undefined {
  return status.leadAgency ?? action.lead;
}

/** "31 March 2027", or "30 June 2027 (revised from 31 March 2027)". */
export function targetText(dates: TargetDates): string {
  if (!dates.current) return '';
  const current = formatCalendarDate(dates.current);
  return dates.original ? `${current} (revised from ${formatCalendarDate(dates.original)})` : current;
}

/** "overdue by 12 days" when past the current target and not complete. */
export function overdueText(rag: RagStatus, dates: TargetDates, context: ViewContext): string | undefined {
  if (rag === 'complete' || !dates.current) return undefined;
  if (daysOverdue(dates.current, context.now, context.timeZone) === undefined) return undefined;
  return describeTargetDistance(dates.current, context.now, context.timeZone);
}

/** "updated today", "updated 1 day ago", "updated 20 days ago", on the board's calendar; or "never updated". */
export function updatedText(status: Pick<ActionStatus, 'updatedAt'>, context: ViewContext): string {
  if (status.updatedAt === undefined) return 'never updated';
  const days = localDaysBetween(new Date(status.updatedAt), context.now, context.timeZone);
  return days === 0 ? 'updated today' : `updated ${plural(days, 'day', 'days')} ago`;
}

/** The stored target dates, each only when it is a real date. */
export function readableTargetDates(status: Pick<ActionStatus, 'targetDate' | 'revisedTargetDate'>): {
  targetDate?: IsoDate;
  revisedTargetDate?: IsoDate;
} {
  return { targetDate: readable(status.targetDate), revisedTargetDate: readable(status.revisedTargetDate) };
}

function readable(date: string | undefined): IsoDate | undefined {
  return date !== undefined && isIsoCalendarDate(date) ? date : undefined;
}
