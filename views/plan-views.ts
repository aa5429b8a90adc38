import { statusOf, type ActionStatus } from '../domain/action-status';
import { prioritiesOfAim } from '../domain/plan-lookup';
import { countRags } from '../domain/rag-status';
import type { Aim, Plan, Priority } from '../plan/plan-schema';
import { actionCycleView, priorityCounts, priorityRollUp, type PreviousDigest } from './board-cycle-views';
import { ownerLabel, statusView, type ViewContext } from './view-context';
import type { AimView, PlanOverviewView, PriorityView } from './view-models';

type Statuses = ReadonlyMap<string, ActionStatus>;

/** `previous`: the statuses at the last posted digest, for each priority's direction of travel. */
export function planOverviewView(
  plan: Plan,
  statuses: Statuses,
  previous?: PreviousDigest,
): PlanOverviewView {
  return {
    title: plan.title,
    period: plan.period,
    aims: plan.aims.map((aim) => ({
      number: aim.number,
      title: aim.title,
      priorities: prioritiesOfAim(plan, aim).map((priority) => {
        const { counts, ...travel } = priorityRollUp(priority, statuses, previous);
        return {
          number: priority.number,
          title: priority.title,
          actionCount: priority.actions.length,
          ragCounts: counts,
          ...travel,
        };
      }),
    })),
    totals: countRags(
      plan.priorities.flatMap((priority) => priority.actions.map((a) => statusOf(statuses, a.id).rag)),
    ),
    localContext: plan.localContext.map((figure) => ({ label: figure.label, value: figure.value })),
  };
}

export function aimView(plan: Plan, aim: Aim, statuses: Statuses): AimView {
  return {
    number: aim.number,
    title: aim.title,
    summary: aim.summary,
    whyThesePriorities: aim.whyThesePriorities,
    priorities: prioritiesOfAim(plan, aim).map((priority) => ({
      number: priority.number,
      title: priority.title,
      boardWill: priority.boardWill,
      ragCounts: priorityCounts(priority, statuses),
    })),
  };
}

export function priorityView(
  plan: Plan,
  priority: Priority,
  statuses: Statuses,
  context: ViewContext,
  previous?: PreviousDigest,
): PriorityView {
  const aim = plan.aims.find((candidate) => candidate.number === priority.aim);
  return {
    number: priority.number,
    title: priority.title,
    aimNumber: priority.aim,
    aimTitle: aim?.title ?? '',
    why: priority.why,
    boardWill: priority.boardWill,
    ragCounts: priorityCounts(priority, statuses),
    actions: priority.actions.map((action) => {
      const status = statusOf(statuses, action.id);
      return {
        id: action.id,
        title: action.title,
        owner: ownerLabel(status),
        status: statusView(status, context),
        cycle: actionCycleView(action, status, previous, context),
      };
    }),
  };
}
