import type { Plan } from '../plan/plan-schema';
import type { Answer } from '../views/answer';
import { exceptionsView } from '../views/exception-views';
import { plural } from '../domain/wording';
import type { DigestHistory } from './digest-snapshots';
import type { Escalations } from './escalations';
import type { CurrentStatuses } from './show-plan';
import type { ViewClock } from './view-clock';

/** "exceptions": what needs the board's attention, grouped by priority. Read-only, for anyone. */
export class ExceptionReport {
  constructor(
    private readonly plan: Plan,
    private readonly statuses: CurrentStatuses,
    private readonly digests: Pick<DigestHistory, 'all'>,
    private readonly viewClock: ViewClock,
    private readonly staleDays: number,
    private readonly escalations?: Pick<Escalations, 'marks'>,
  ) {}

  async show(): Promise<Answer> {
    const [statuses, snapshots, escalations] = await Promise.all([
      this.statuses.currentStatuses(),
      this.digests.all(),
      this.escalations?.marks(),
    ]);
    const view = exceptionsView(
      { plan: this.plan, statuses, snapshots, staleDays: this.staleDays, escalations },
      this.viewClock(),
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
