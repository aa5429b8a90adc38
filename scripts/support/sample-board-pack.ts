import { DAY_MS } from '../../domain/days';
import type { RagStatus } from '../../domain/rag-status';
import type { Plan } from '../../plan/plan-schema';
import { boardDay, boardMoment } from '../../views/board-dates';
import type {
  ActionRow,
  BoardPackView,
  ChangeRow,
  ExceptionRow,
  RagCounts,
  Trend,
} from '../../views/board-pack-view-model';

/**
 * Made-up roles, never people, named as the pack names owners: with their organisation, or by full address
 * for someone the bot has never met.
 */
const OWNERS = [
  'Business manager (Oxfordshire County Council)',
  'Learning subgroup chair (Oxford Health NHS Foundation Trust)',
  'exploitation.lead@thamesvalley.police.uk',
  'Training coordinator (Oxfordshire Safeguarding Children Board)',
];
const AGENCIES = ['County council', 'Health', 'Police', 'Education'];
const CYCLE: readonly RagStatus[] = ['amber', 'green', 'red', 'amber', 'green', 'complete'];
const WEEK_MS = 7 * DAY_MS;

/** User text that must stay text: markup, a CDATA end and an ampersand. */
export const LITERAL_NOTE = 'Audit shared & agreed <script>alert("x")</script> ]]> next step';

export interface SampleBoardPack {
  plan: Plan;
  asAt: Date;
  /** Weekly changes on every action, ending at `asAt`; the period covers exactly these weeks. */
  weeksOfChanges: number;
  timeZone?: string;
}

/** A board pack view of `plan` with made-up statuses; deterministic for the same input. */
export function sampleBoardPackView(sample: SampleBoardPack): BoardPackView {
  const timeZone = sample.timeZone ?? 'Europe/London';
  const from = new Date(sample.asAt.getTime() - sample.weeksOfChanges * WEEK_MS);
  const changes: ChangeRow[] = [];
  const latest = new Map<string, { status: RagStatus; earlier: RagStatus; at?: Date; note?: string }>();
  sample.plan.priorities.forEach((priority, priorityIndex) =>
    priority.actions.forEach((action, actionIndex) => {
      const seed = priorityIndex * 7 + actionIndex * 3;
      let status: RagStatus = 'not_started';
      let state: { status: RagStatus; earlier: RagStatus; at?: Date; note?: string } = {
        status,
        earlier: status,
      };
      for (let week = 1; week <= sample.weeksOfChanges; week += 1) {
        const at = new Date(from.getTime() + week * WEEK_MS - (seed % 5) * DAY_MS - 3_600_000);
        const to = CYCLE[(seed + week) % CYCLE.length];
        const note =
          action.id === '5.1' && week === sample.weeksOfChanges
            ? LITERAL_NOTE
            : `Week ${week}: ${action.id} reviewed at the subgroup.`;
        changes.push({
          at: boardMoment(at, timeZone),
          by: OWNERS[(seed + week) % OWNERS.length],
          actionId: action.id,
          actionTitle: action.title,
          from: status,
          to,
          note,
        });
        state = { status: to, earlier: status, at, note };
        status = to;
      }
      latest.set(action.id, state);
    }),
  );
  changes.sort((a, b) => a.at.iso.localeCompare(b.at.iso));

  const rows = new Map<string, ActionRow>();
  for (const priority of sample.plan.priorities) {
    priority.actions.forEach((action, index) => {
      const state = latest.get(action.id) ?? {
        status: 'not_started' as const,
        earlier: 'not_started' as const,
      };
      const target = new Date(sample.asAt.getTime() + (index + 1) * 30 * DAY_MS);
      rows.set(action.id, {
        id: action.id,
        title: action.title,
        owner: OWNERS[index % OWNERS.length],
        ...(index % 2 === 0 ? { leadAgency: AGENCIES[priority.number % AGENCIES.length] } : {}),
        status: state.status,
        ...(state.at
          ? { direction: { trend: trend(state.earlier, state.status), earlierStatus: state.earlier } }
          : {}),
        targetDate: boardDay(target, timeZone),
        ...(state.status === 'red'
          ? { revisedDate: boardDay(new Date(target.getTime() + 60 * DAY_MS), timeZone) }
          : {}),
        ...(state.note ? { latestNote: state.note } : {}),
        ...(index === 0 ? { impact: 'Partners report the same threshold decisions.' } : {}),
        ...(index === 0 ? { evidenceUrl: 'https://example.org/evidence/' + action.id } : {}),
        ...(index === 1 ? { evidenceUrl: 'javascript:alert(1)' } : {}),
        ...(state.status === 'red' || state.status === 'amber'
          ? { correctiveAction: 'Escalated to the executive group.' }
          : {}),
        ...(state.at ? { lastUpdated: boardMoment(state.at, timeZone) } : {}),
      });
    });
  }

  const actionsOf = (numbers: readonly { actions: readonly { id: string }[] }[]) =>
    numbers.flatMap((priority) => priority.actions.map((action) => rows.get(action.id) as ActionRow));
  const exceptions: ExceptionRow[] = actionsOf(sample.plan.priorities)
    .filter((row) => row.status === 'red')
    .map((row) => ({
      actionId: row.id,
      actionTitle: row.title,
      owner: row.owner,
      ...(row.leadAgency ? { leadAgency: row.leadAgency } : {}),
      status: row.status,
      ...(row.direction ? { direction: row.direction } : {}),
      daysSinceUpdate: row.lastUpdated ? 3 : 999,
      reasons: row.revisedDate ? ['red', 'overdue by 12 days'] : ['red'],
      ...(row.targetDate ? { targetDate: row.targetDate } : {}),
      ...(row.correctiveAction ? { correctiveAction: row.correctiveAction } : {}),
    }));

  return {
    title: 'OSCB board pack',
    planName: sample.plan.title,
    marking: 'OFFICIAL-SENSITIVE',
    asAt: boardDay(sample.asAt, timeZone),
    period: { from: boardDay(from, timeZone), to: boardDay(sample.asAt, timeZone) },
    generatedAt: boardMoment(sample.asAt, timeZone),
    producedAt: sample.asAt.toISOString(),
    generatedBy: 'Business manager',
    summary: {
      overall: countRag(actionsOf(sample.plan.priorities)),
      byPriority: sample.plan.priorities.map((priority) => ({
        priorityNumber: priority.number,
        priorityTitle: priority.title,
        counts: countRag(actionsOf([priority])),
      })),
    },
    exceptions,
    aims: sample.plan.aims.map((aim) => ({
      number: aim.number,
      title: aim.title,
      priorities: sample.plan.priorities
        .filter((priority) => priority.aim === aim.number)
        .map((priority) => ({
          number: priority.number,
          title: priority.title,
          actions: actionsOf([priority]),
        })),
    })),
    changes,
  };
}

/** A plan shaped like the shipped one but with `perPriority` actions in each priority. */
export function widenedPlan(base: Plan, perPriority: number): Plan {
  return {
    ...base,
    priorities: base.priorities.map((priority) => ({
      ...priority,
      actions: Array.from({ length: perPriority }, (_, index) => {
        const source = priority.actions[index % priority.actions.length];
        return {
          ...source,
          id: `${priority.number}.${index + 1}`,
          title: `${source.title} (part ${index + 1})`,
        };
      }),
    })),
  };
}

const RANK: Readonly<Record<RagStatus, number>> = { not_started: 0, red: 1, amber: 2, green: 3, complete: 4 };

function trend(earlier: RagStatus, now: RagStatus): Trend {
  if (RANK[now] === RANK[earlier]) return 'same';
  return RANK[now] > RANK[earlier] ? 'improving' : 'worsening';
}

function countRag(actions: readonly ActionRow[]): RagCounts {
  const counts: Record<RagStatus, number> = { red: 0, amber: 0, green: 0, complete: 0, not_started: 0 };
  for (const action of actions) counts[action.status] += 1;
  return counts;
}
