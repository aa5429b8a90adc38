import type { Person } from '../domain/person';
import type { StatusService } from './status-service';
import type { ActionCards, Place } from './action-cards';
import { SetActionFact, type FactWords } from './set-action-fact';

export interface LeadAgencyRequest {
  by: Person;
  actionId: string;
  agency: string;
  delivery?: string;
  place: Place;
}

const LEAD_WORDS: FactWords<'lead'> = {
  notAllowed: 'Only board admins can set the lead agency',
  saved: (change) =>
    change.previousLeadAgency
      ? `Lead agency changed from ${change.previousLeadAgency} to ${change.leadAgency ?? ''}.`
      : `Lead agency set: ${change.leadAgency ?? ''}.`,
  unchanged: 'That agency already leads this action; nothing was changed.',
};

/** "lead 5.1 Thames Valley Police": board admins record which agency leads an action. */
export class SetLeadAgency extends SetActionFact<LeadAgencyRequest, 'lead'> {
  constructor(statusService: StatusService, cards: ActionCards) {
    super((request) => statusService.setLead(request), cards, LEAD_WORDS);
  }
}
