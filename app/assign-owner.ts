import type { PeopleStore } from '../domain/known-people';
import type { Person } from '../domain/person';
import type { StatusService } from './status-service';
import type { Answer } from '../views/answer';
import { notice } from './notices';
import { busy, noSuchAction } from './refusals';

/** "assign 5.1 to jane@agency.example": board admins only. */
export class AssignOwner {
  constructor(
    private readonly statusService: StatusService,
    private readonly people: Pick<PeopleStore, 'findByEmail'>,
  ) {}

  async assign(request: {
    by: Person;
    actionId: string;
    ownerEmail: string;
    delivery?: string;
    escalatedAt?: string;
  }): Promise<Answer> {
    const { actionId, ownerEmail } = request;
    const known = await this.people.findByEmail(ownerEmail);
    const outcome = await this.statusService.assignOwner({
      actionId,
      ownerEmail,
      ownerName: known?.name,
      ownerTeamsUserId: known?.teamsUserId,
      ownerAadObjectId: known?.aadObjectId,
      by: request.by,
      delivery: request.delivery,
      escalatedAt: request.escalatedAt,
    });
    switch (outcome.kind) {
      case 'assigned':
        return notice(
          'good',
          `Action ${outcome.action.id} assigned`,
          `${outcome.action.id} ${outcome.action.title} is now owned by ${ownerEmail}` +
            (outcome.previousOwnerEmail ? ` (was ${outcome.previousOwnerEmail}).` : '.'),
          [`show action ${outcome.action.id}`],
        );
      case 'unchanged':
        return notice(
          'default',
          'Nothing to change',
          `${outcome.action.id} is already owned by ${ownerEmail}.`,
          [],
        );
      case 'unknownAction':
        return noSuchAction(actionId);
      case 'notAllowed':
        return notice(
          'warning',
          'Only board admins can assign owners',
          'Ask the board chair or business manager to assign this action. Nothing was changed.',
          [],
        );
      case 'noLongerEscalated':
        return notice(
          'warning',
          `${outcome.action.id} is no longer escalated`,
          `It was updated or given a new owner a moment ago: a board admin can assign it with "assign". Nothing was changed.`,
          [],
        );
      case 'busy':
        return busy(actionId);
    }
  }
}
