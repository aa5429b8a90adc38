import { formatCalendarDate } from '../domain/board-cycle/calendar-date';
import type { Person } from '../domain/person';
import type { StatusService } from './status-service';
import type { ActionCards, Place } from './action-cards';
import { SetActionFact, type FactWords } from './set-action-fact';

export interface TargetDateRequest {
  by: Person;
  actionId: string;
  dateText: string;
  reason?: string;
  delivery?: string;
  place: Place;
}

const TARGET_WORDS: FactWords<'target'> = {
  notAllowed: 'Only the owner or a board admin can set the target date',
  saved: (change) =>
    change.previousTargetDate && change.targetDate
      ? `Target moved from ${formatCalendarDate(change.previousTargetDate)} to ${formatCalendarDate(change.targetDate)}.`
      : `Target date set: ${change.targetDate ? formatCalendarDate(change.targetDate) : ''}.`,
  unchanged: 'That is already the target date; nothing was changed.',
};

/** "due 5.1 31 March 2027 [because …]": the owner or a board admin sets or revises the target date. */
export class SetTargetDate extends SetActionFact<TargetDateRequest, 'target'> {
  constructor(statusService: StatusService, cards: ActionCards) {
    super((request) => statusService.setTarget(request), cards, TARGET_WORDS);
  }
}
