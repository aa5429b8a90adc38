import { statusOf, type ActionStatus } from '../domain/action-status';
import { changesSince } from '../domain/digest/digest-changes';
import { snapshotOf, type DigestSnapshot } from '../domain/digest/digest-snapshot';
import { isoWeek } from '../domain/digest/iso-week';
import { staleActionsOf, type StaleAction } from '../domain/digest/stale-actions';
import { weekLabel } from '../domain/digest/week-label';
import { countRags, type RagCounts } from '../domain/rag-status';
import { formatBoardTime, timeAgo } from '../domain/relative-time';
import { plural } from '../domain/wording';
import type { Plan } from '../plan/plan-schema';
import type { EscalationMark, SnapshotRags } from '../domain/board-cycle/exception-rules';
import { priorityRollUp } from './board-cycle-views';
import type { DigestRedAmberView, DigestStaleView, DigestView } from './digest-view-model';
import { exceptionGroups, firstRows, rowCount } from './exception-views';

export interface DigestInput {
  plan: Plan;
  statuses: ReadonlyMap<string, ActionStatus>;
  /** The snapshot stored when the previous digest was posted; none before the first digest. */
  previous?: DigestSnapshot;
  /** Every posted digest's snapshot, for "Needs the board's attention"; `previous` alone when absent. */
  pastDigests?: readonly SnapshotRags[];
  now: Date;
  staleDays: number;
  timeZone: string;
  /** Owner emails the bot cannot message in Teams. */
  unreachableOwners?: ReadonlySet<string>;
  /** Actions escalated now: who was told, and when. */
  escalations?: ReadonlyMap<string, EscalationMark>;
}

export interface Digest {
  view: DigestView;
  /** To store with this digest, for the next one to compare against. */
  snapshot: DigestSnapshot;
  /** One plain-text line for the notification and the activity's summary. */
  summary: string;
  /** Every stale action, untrimmed, for nudging owners. */
  staleActions: { actionId: string; ownerEmail?: string; daysSinceUpdate?: number }[];
}

/** A chair reads the digest in a minute; the card trims further if Teams' size limit needs it. */
const MAX_LISTED = 20;

export function buildDigest(input: DigestInput): Digest {
  const { plan, statuses, previous, now, timeZone } = input;
  const actions = plan.priorities.flatMap((priority) => priority.actions);
  const totals = countRags(actions.map((action) => statusOf(statuses, action.id).rag));
  const week = isoWeek(now, timeZone);
  const changes = changesSince(plan, statuses, previous);
  const redAndAmber = redAndAmberOf(plan, statuses, now);
  const stale = staleActionsOf(plan, statuses, input);
  const unreachable = new Set([...(input.unreachableOwners ?? [])].map((email) => email.toLowerCase()));
  const attention = exceptionGroups(
    {
      plan,
      statuses,
      snapshots: input.pastDigests ?? (previous ? [previous] : []),
      staleDays: input.staleDays,
      escalations: input.escalations,
    },
    { now, timeZone },
  );
  const shownAttention = firstRows(attention, MAX_LISTED);

  const view: DigestView = {
    title: plan.title,
    weekLabel: weekLabel(week),
    changesSince: previous
      ? `Since the last digest, ${formatBoardTime(new Date(previous.takenAt), timeZone)}`
      : 'Since the plan started',
    totals,
    perPriority: plan.priorities.map((priority) => ({
      number: priority.number,
      title: priority.title,
      ...priorityRollUp(priority, statuses, previous),
    })),
    attention: shownAttention,
    moreAttention: rowCount(attention) - rowCount(shownAttention),
    noLongerEscalated: noLongerEscalated(plan, statuses, previous, input.escalations),
    changes: changes.slice(0, MAX_LISTED),
    moreChanges: Math.max(0, changes.length - MAX_LISTED),
    redAndAmber: redAndAmber.slice(0, MAX_LISTED),
    moreRedAmber: Math.max(0, redAndAmber.length - MAX_LISTED),
    staleDays: input.staleDays,
    stale: stale.slice(0, MAX_LISTED).map((action) => staleView(action, unreachable)),
    moreStale: Math.max(0, stale.length - MAX_LISTED),
  };
  return {
    view,
    snapshot: snapshotOf(statuses, plan, now, [...(input.escalations?.keys() ?? [])]),
    summary: `${plan.title}, week ${week.week}: ${countsText(totals)} · ${plural(changes.length, 'change', 'changes')} · ${stale.length} stale`,
    staleActions: stale.map(({ actionId, ownerEmail, daysSinceUpdate }) => ({
      actionId,
      ownerEmail,
      daysSinceUpdate,
    })),
  };
}

/** Escalated when the last digest went out, and not now: an update or a new owner ended it. */
function noLongerEscalated(
  plan: Plan,
  statuses: ReadonlyMap<string, ActionStatus>,
  previous: DigestSnapshot | undefined,
  escalations: ReadonlyMap<string, EscalationMark> | undefined,
): DigestView['noLongerEscalated'] {
  const before = new Set(previous?.escalated ?? []);
  return plan.priorities
    .flatMap((priority) => priority.actions)
    .filter((action) => before.has(action.id) && !escalations?.has(action.id))
    .map((action) => {
      const status = statusOf(statuses, action.id);
      const updated = status.updatedAt !== previous?.actions[action.id]?.updatedAt;
      const why = status.rag === 'complete' ? 'complete' : updated ? 'updated' : 'new owner';
      return { actionId: action.id, title: action.title, why };
    });
}

function redAndAmberOf(
  plan: Plan,
  statuses: ReadonlyMap<string, ActionStatus>,
  now: Date,
): DigestRedAmberView[] {
  const actions = plan.priorities.flatMap((priority) => priority.actions);
  return (['red', 'amber'] as const).flatMap((rag) =>
    actions
      .map((action) => ({ action, status: statusOf(statuses, action.id) }))
      .filter(({ status }) => status.rag === rag)
      .map(({ action, status }) => ({
        actionId: action.id,
        title: action.title,
        rag,
        owner: status.ownerName ?? status.ownerEmail,
        note: status.note?.trim() ? status.note : undefined,
        updatedAgo: status.updatedAt === undefined ? undefined : timeAgo(new Date(status.updatedAt), now),
      })),
  );
}

function staleView(action: StaleAction, unreachable: ReadonlySet<string>): DigestStaleView {
  return {
    actionId: action.actionId,
    title: action.title,
    rag: action.rag,
    owner: action.ownerName ?? action.ownerEmail,
    ownerNotReachable: action.ownerEmail !== undefined && unreachable.has(action.ownerEmail.toLowerCase()),
    daysSinceUpdate: action.daysSinceUpdate,
  };
}

/** "2 red, 3 amber, 5 green, 1 complete, 5 not started" */
function countsText(counts: RagCounts): string {
  return `${counts.red} red, ${counts.amber} amber, ${counts.green} green, ${counts.complete} complete, ${counts.not_started} not started`;
}
