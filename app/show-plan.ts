import type { ActionStatus } from '../domain/action-status';
import { findAim, findPriority } from '../domain/plan-lookup';
import type { Plan } from '../plan/plan-schema';
import type { Answer } from '../views/answer';
import type { BoardState } from './board-state';
import { aimView, planOverviewView, priorityView } from '../views/plan-views';
import { notInPlan } from './refusals';
import { sourcesOfStatuses } from '../domain/posted-copies';
import type { ViewClock } from './view-clock';

export interface CurrentStatuses {
  currentStatuses(): Promise<ReadonlyMap<string, ActionStatus>>;
}

/** "show plan", "show aim 2", "show priority 5": read-only, for anyone. */
export class ShowPlan {
  constructor(
    private readonly plan: Plan,
    private readonly board: Pick<BoardState, 'readAll'>,
    private readonly viewClock: ViewClock,
  ) {}

  async overview(): Promise<Answer> {
    const { statuses, previous } = await this.board.readAll();
    return {
      summary: this.plan.title,
      screen: { card: 'plan', view: planOverviewView(this.plan, statuses, previous) },
      sources: sourcesOfStatuses(statuses.values()),
    };
  }

  async aim(number: number): Promise<Answer> {
    const aim = findAim(this.plan, number);
    if (!aim) return notInPlan(`The plan has aims 1–${this.plan.aims.length}.`);
    const { statuses } = await this.board.readAll();
    return {
      summary: `Aim ${aim.number}: ${aim.title}`,
      screen: { card: 'aim', view: aimView(this.plan, aim, statuses) },
      sources: sourcesOfStatuses(statuses.values()),
    };
  }

  async priority(number: number): Promise<Answer> {
    const priority = findPriority(this.plan, number);
    if (!priority) return notInPlan(`The plan has priorities 1–${this.plan.priorities.length}.`);
    const { statuses, previous } = await this.board.readAll();
    return {
      summary: `Priority ${priority.number}: ${priority.title}`,
      screen: {
        card: 'priority',
        view: priorityView(this.plan, priority, statuses, this.viewClock(), previous),
      },
      sources: sourcesOfStatuses(statuses.values()),
    };
  }
}
