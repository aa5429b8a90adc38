import type { Person } from '../domain/person';
import type { ActionStatus } from '../domain/action-status';
import { isOwner } from '../domain/changes/decision';
import type { Plan } from '../plan/plan-schema';
import { myActionsView } from '../views/action-views';
import type { Answer } from '../views/answer';
import { notice } from './notices';
import { noIdentity } from './refusals';
import type { CurrentStatuses } from './show-plan';
import type { ViewClock } from './view-clock';

/** "my actions": the person's own actions, each with its form. */
export class MyActions {
  constructor(
    private readonly plan: Plan,
    private readonly statuses: CurrentStatuses,
    private readonly viewClock: ViewClock,
  ) {}

  async list(person: Person): Promise<Answer> {
    if (!person.email) return noIdentity();
    const statuses = await this.statuses.currentStatuses();
    const owns = (status: ActionStatus) => isOwner(person, status);
    const view = myActionsView(this.plan, person.name, owns, statuses, this.viewClock(), {
      withForms: true,
    });
    if (view.actions.length === 0) {
      return notice(
        'default',
        'No actions yet',
        `No actions are assigned to ${person.email}. A board admin can assign one with "assign 5.1 to ${person.email}".`,
        ['show plan'],
      );
    }
    return {
      summary: `${view.actions.length} actions owned by you`,
      screen: { card: 'myActions', view },
    };
  }
}
