import type { Person } from '../domain/person';
import { findAction } from '../domain/plan-lookup';
import type { StatusService } from '../domain/status-service';
import type { Plan } from '../plan/plan-schema';
import { historyView } from '../views/action-views';
import type { Answer } from '../views/answer';
import type { Place } from './action-cards';
import { notice } from './notices';
import { noSuchAction } from './refusals';
import type { ViewClock } from './view-clock';
import { plural } from '../domain/wording';

/** "history 5.1 [page N]": every change to an action, newest first. Anyone may read it. */
export class History {
  constructor(
    private readonly plan: Plan,
    private readonly statusService: StatusService,
    private readonly viewClock: ViewClock,
  ) {}

  /** `viewer` only decides whether Redact buttons show; history itself needs no identity. */
  async page(viewer: Person, actionId: string, page: number, place: Place): Promise<Answer> {
    const action = findAction(this.plan, actionId);
    if (!action) return noSuchAction(actionId);
    const history = await this.statusService.historyPage(action, page);
    if (!history) {
      const { pages } = (await this.statusService.historyPage(action, 1)) ?? { pages: 1 };
      return notice('default', 'No such page', `The history of ${action.id} has ${plural(pages, 'page')}.`, [
        `history ${action.id}`,
      ]);
    }
    // Redact buttons only where the admin alone sees them: a channel's card is everyone's.
    const canRedact = place === 'personal' && this.statusService.isAdmin(viewer);
    return {
      summary: `History of ${action.id}`,
      screen: { card: 'history', view: historyView(history, this.viewClock(), { canRedact }) },
    };
  }
}
