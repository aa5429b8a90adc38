import type { Plan } from '../plan/plan-schema';
import type { Answer } from '../views/answer';
import { exceptionsView } from '../views/exception-views';
import { plural } from '../domain/wording';
import type { BoardState } from './board-state';
import { marksOf, standingFromRecord } from './standing-escalations';
import type { ViewClock } from './view-clock';

/** "exceptions": what needs the board's attention, grouped by priority. Read-only, for anyone; one read. */
export class ExceptionReport {
  constructor(
    private readonly plan: Plan,
    private readonly board: BoardState,
    private readonly viewClock: ViewClock,
    private readonly staleDays: number,
  ) {}

  async show(): Promise<Answer> {
    const { statuses, weekly, escalated } = await this.board.readAll();
    const context = this.viewClock();
    const escalations = marksOf(standingFromRecord(escalated, statuses), context.timeZone);
    const view = exceptionsView(
      {
        plan: this.plan,
        statuses,
        snapshots: weekly ? [weekly.latest] : [],
        amberRuns: weekly?.amberRuns ?? {},
        staleDays: this.staleDays,
        escalations,
      },
      context,
    );
    return {
      summary:
        view.total === 0
          ? 'Nothing needs the board’s attention'
          : `${plural(view.total, 'action needs', 'actions need')} the board’s attention`,
      screen: { card: 'exceptions', view },
    };
  }
}
