import type { ActionStatus, HistoryEntry } from '../domain/action-status';
import { localDaysBetween } from '../domain/digest/local-calendar';
import { daysOverdue, currentTargetDate } from '../domain/board-cycle/target-date';
import { directionOfTravel } from '../domain/board-cycle/direction-of-travel';
import type { ReportYear } from '../domain/yearly-report/report-year';
import { RAG_LABELS, type RagStatus } from '../domain/rag-status';
import { plural } from '../domain/wording';
import type { Plan, PlanAction } from '../plan/plan-schema';
import { boardDay, boardMoment } from './board-dates';
import type { BoardDay } from './board-pack-view-model';
import {
  scrutinyComments,
  signOffLines,
  type RecordedComment,
  type RecordedSignOff,
} from './yearly-sign-off-lines';
import type { LittleProgressRow, YearAction, YearlyReportView } from './yearly-report-view-model';

export interface YearlyReportInput {
  plan: Plan;
  year: ReportYear;
  asAt: Date;
  draft: boolean;
  /** Each action's status at the year's start (just before it) and at `asAt`. */
  atStart: ReadonlyMap<string, ActionStatus>;
  atEnd: ReadonlyMap<string, ActionStatus>;
  /** Every change up to `asAt`, any order. */
  history: readonly HistoryEntry[];
  personName: (email: string, recordedName?: string) => string;
  partners: readonly { agency: string; upn: string }[];
  scrutineer?: string;
  staleDays: number;
  marking: string;
  generatedAt: Date;
  generatedBy: string;
  timeZone: string;
  /** A digest of text (sha-256 in hex, shortened), given in so views stay free of I/O modules. */
  fingerprint: (content: string) => string;
  /** The sign-offs and scrutineer's comments recorded for this year, any order. */
  signOffs?: readonly RecordedSignOff[];
  comments?: readonly RecordedComment[];
}

const NO_OWNER = 'No owner yet';
const NONE_RECORDED = 'none recorded';

/** The yearly report's view-model: a pure function of the record as at `asAt`. */
export function yearlyReportView(input: YearlyReportInput): YearlyReportView {
  const fingerprint = input.fingerprint(contentFingerprintSource(input));
  return {
    ...contentOf(input),
    signOffs: signOffLines({ ...input, signOffs: input.signOffs ?? [], fingerprint }),
    comments: scrutinyComments(input.comments ?? [], input.personName, input.timeZone),
    fingerprint,
  };
}

/**
 * What the fingerprint covers: the record the report is built from (the plan, the partnership and every
 * change up to the as-at, redactions included), not when or by whom the file was made. Built from the
 * record rather than the worded sections, so a draft's counts of days ("no update for 20 days") moving
 * on with the calendar do not make a partner's sign-off look out of date when nothing was recorded.
 */
function contentFingerprintSource(input: YearlyReportInput): string {
  const changes = [...input.history].sort(
    (a, b) => a.actionId.localeCompare(b.actionId) || a.version - b.version,
  );
  return JSON.stringify(
    {
      year: input.year.label,
      partners: input.partners,
      scrutineer: input.scrutineer,
      plan: input.plan.priorities,
      changes,
    },
    // A store's row version (ETag) is not the record: a restored backup has new ones.
    (key, value: unknown) => (key === 'etag' ? undefined : value),
  );
}

function contentOf(
  input: YearlyReportInput,
): Omit<YearlyReportView, 'fingerprint' | 'signOffs' | 'comments'> {
  const { plan, timeZone } = input;
  const inYear = input.history
    .filter((entry) => Date.parse(entry.at) >= input.year.startsAt.getTime())
    .sort((a, b) => a.at.localeCompare(b.at) || a.version - b.version);
  const actions = plan.priorities.flatMap((priority) => priority.actions);
  const yearActions = new Map(actions.map((action) => [action.id, yearAction(action, input, inYear)]));
  const statusOf = (id: string): ActionStatus =>
    input.atEnd.get(id) ?? { actionId: id, rag: 'not_started', version: 0 };
  const ownerOf = (id: string) => {
    const email = statusOf(id).ownerEmail;
    return email === undefined ? NO_OWNER : input.personName(email, statusOf(id).ownerName);
  };
  const statements = inYear.flatMap((entry) =>
    entry.kind === 'status' && entry.impact !== undefined
      ? [
          {
            actionId: entry.actionId,
            title: titleOf(plan, entry.actionId),
            at: day(entry.at, timeZone),
            impact: entry.impact,
            ...(entry.evidenceUrl ? { evidence: entry.evidenceUrl } : {}),
          },
        ]
      : [],
  );
  const withImpact = new Set(statements.map((statement) => statement.actionId));
  return {
    title: `OSCB yearly report ${input.year.label}`,
    planName: plan.title,
    marking: input.marking,
    draft: input.draft,
    year: {
      label: input.year.label,
      from: calendarDay(input.year.firstDay),
      to: calendarDay(input.year.lastDay),
    },
    asAt: boardDay(input.asAt, timeZone),
    generatedAt: boardMoment(input.generatedAt, timeZone),
    generatedBy: input.generatedBy,
    partners: input.partners.map((partner) => ({
      agency: partner.agency,
      person: input.personName(partner.upn),
    })),
    ...(input.scrutineer ? { scrutineer: input.personName(input.scrutineer) } : {}),
    priorities: plan.priorities.map((priority) => ({
      number: priority.number,
      title: priority.title,
      actions: priority.actions.map((action) => yearActions.get(action.id) as YearAction),
    })),
    impact: {
      statements,
      without: actions
        .filter((action) => !withImpact.has(action.id))
        .map((action) => ({ actionId: action.id, title: action.title })),
    },
    littleProgress: actions.flatMap((action) => {
      const row = littleProgress(action, statusOf(action.id), input, inYear);
      return row ? [{ ...row, owner: ownerOf(action.id) }] : [];
    }),
    learning: actions
      .filter((action) => action.learningFromReviews !== undefined)
      .map((action) => ({
        actionId: action.id,
        title: action.title,
        learning: action.learningFromReviews as string,
        status: statusOf(action.id).rag,
        ...(statusOf(action.id).note ? { latestNote: statusOf(action.id).note } : {}),
      })),
    nextYear: actions
      .filter((action) => statusOf(action.id).rag !== 'complete')
      .map((action) => {
        const target = currentTargetDate({
          revisedTargetDate: statusOf(action.id).revisedTargetDate,
          targetDate: statusOf(action.id).targetDate ?? action.due,
        });
        return {
          actionId: action.id,
          title: action.title,
          status: statusOf(action.id).rag,
          ...(target ? { targetDate: calendarDay(target) } : {}),
        };
      }),
  };
}

function yearAction(
  action: PlanAction,
  input: YearlyReportInput,
  inYear: readonly HistoryEntry[],
): YearAction {
  const end = input.atEnd.get(action.id);
  const start = input.atStart.get(action.id)?.rag ?? 'not_started';
  const own = inYear.filter((entry) => entry.actionId === action.id && entry.kind === 'status');
  const rag = end?.rag ?? 'not_started';
  const travel = directionOfTravel(rag, start);
  const words = { improving: 'Improving', worsening: 'Worsening', same: 'No change', new: 'New' } as const;
  return {
    actionId: action.id,
    title: action.title,
    owner: end?.ownerEmail === undefined ? NO_OWNER : input.personName(end.ownerEmail, end.ownerName),
    status: rag,
    ...(end?.updatedAt === undefined
      ? {}
      : { direction: `${words[travel.direction]} (was ${RAG_LABELS[start]} at the start of the year)` }),
    notes: own.flatMap((entry) =>
      entry.kind === 'status' && entry.note ? [{ at: day(entry.at, input.timeZone), text: entry.note }] : [],
    ),
    ...(end?.impact ? { impact: end.impact } : {}),
    evidence: [
      ...new Set(
        own.flatMap((entry) => (entry.kind === 'status' && entry.evidenceUrl ? [entry.evidenceUrl] : [])),
      ),
    ],
  };
}

/** Red or amber for most of the year, overdue, silent, or never updated; undefined when none of these. */
function littleProgress(
  action: PlanAction,
  status: ActionStatus,
  input: YearlyReportInput,
  inYear: readonly HistoryEntry[],
): Omit<LittleProgressRow, 'owner'> | undefined {
  if (status.rag === 'complete') return undefined;
  const why: string[] = [];
  const share = troubledShare(action.id, input, inYear);
  if (share > 0.5) why.push(`red or amber for ${Math.round(share * 100)}% of the year`);
  const target = currentTargetDate({
    revisedTargetDate: status.revisedTargetDate,
    targetDate: status.targetDate ?? action.due,
  });
  const overdue = target === undefined ? undefined : daysOverdue(target, input.asAt, input.timeZone);
  if (overdue !== undefined) why.push(`overdue by ${plural(overdue, 'day')}`);
  if (status.updatedAt === undefined) why.push('never updated');
  else {
    const silent = localDaysBetween(new Date(status.updatedAt), input.asAt, input.timeZone);
    if (silent >= input.staleDays) why.push(`no update for ${plural(silent, 'day')}`);
  }
  if (why.length === 0) return undefined;
  return {
    actionId: action.id,
    title: action.title,
    status: status.rag,
    why,
    correctiveAction: status.correctiveAction ?? NONE_RECORDED,
  };
}

/** The share of the year so far the action spent red or amber, replaying its status changes. */
function troubledShare(actionId: string, input: YearlyReportInput, inYear: readonly HistoryEntry[]): number {
  const from = input.year.startsAt.getTime();
  const to = input.asAt.getTime();
  if (to <= from) return 0;
  let rag: RagStatus = input.atStart.get(actionId)?.rag ?? 'not_started';
  let since = from;
  let troubled = 0;
  for (const entry of inYear) {
    if (entry.actionId !== actionId) continue;
    const at = Date.parse(entry.at);
    if (rag === 'red' || rag === 'amber') troubled += at - since;
    rag = entry.toRag;
    since = at;
  }
  if (rag === 'red' || rag === 'amber') troubled += to - since;
  return troubled / (to - from);
}

function titleOf(plan: Plan, actionId: string): string {
  return (
    plan.priorities.flatMap((priority) => priority.actions).find((action) => action.id === actionId)?.title ??
    ''
  );
}

function day(at: string, timeZone: string): BoardDay {
  return boardDay(new Date(at), timeZone);
}

function calendarDay(date: string): BoardDay {
  return boardDay(new Date(`${date}T12:00:00Z`), 'UTC');
}
