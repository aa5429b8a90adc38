import type { Person } from '../domain/person';
import type { StatusService } from './status-service';
import type { Answer } from '../views/answer';
import type { ActionCards, Place } from './action-cards';
import { factAnswer } from './set-target-date';

export interface LeadAgencyRequest {
  by: Person;
  actionId: string;
  agency: string;
  delivery?: string;
  place: Place;
}

/** "lead 5.1 Thames Valley Police": board admins record which agency leads an action. */
export class SetLeadAgency {
  constructor(
    private readonly statusService: StatusService,
    private readonly cards: ActionCards,
  ) {}

  async set(request: LeadAgencyRequest): Promise<Answer> {
    const outcome = await this.statusService.setLead(request);
    return factAnswer(this.cards, request, outcome, {
      notAllowed: 'Only board admins can set the lead agency',
      saved: (change) =>
        change.previousLeadAgency
          ? `Lead agency changed from ${change.previousLeadAgency} to ${change.leadAgency ?? ''}.`
          : `Lead agency set: ${change.leadAgency ?? ''}.`,
      unchanged: 'That agency already leads this action; nothing was changed.',
    });
  }
}
