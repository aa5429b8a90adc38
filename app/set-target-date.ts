import { formatCalendarDate } from '../domain/board-cycle/calendar-date';
import type { Person } from '../domain/person';
import type { FactOutcome } from '../domain/changes/target-change';
import type { StatusService } from './status-service';
import type { Answer } from '../views/answer';
import { actionAnswer, type ActionCards, type Place } from './action-cards';
import { notice } from './notices';
import { busy, noSuchAction } from './refusals';

export interface TargetDateRequest {
  by: Person;
  actionId: string;
  dateText: string;
  reason?: string;
  delivery?: string;
  place: Place;
}

/** "due 5.1 31 March 2027 [because …]": the owner or a board admin sets or revises the target date. */
export class SetTargetDate {
  constructor(
    private readonly statusService: StatusService,
    private readonly cards: ActionCards,
  ) {}

  async set(request: TargetDateRequest): Promise<Answer> {
    const outcome = await this.statusService.setTarget(request);
    return factAnswer(this.cards, request, outcome, {
      notAllowed: 'Only the owner or a board admin can set the target date',
      saved: (change) =>
        change.previousTargetDate && change.targetDate
          ? `Target moved from ${formatCalendarDate(change.previousTargetDate)} to ${formatCalendarDate(change.targetDate)}.`
          : `Target date set: ${change.targetDate ? formatCalendarDate(change.targetDate) : ''}.`,
      unchanged: 'That is already the target date; nothing was changed.',
    });
  }
}

/** The answer to a target or lead change: the action card with what happened, or why nothing was stored. */
export function factAnswer<K extends 'target' | 'lead'>(
  cards: ActionCards,
  request: { by: Person; actionId: string; place: Place },
  outcome: FactOutcome<K>,
  words: {
    notAllowed: string;
    saved: (change: Extract<FactOutcome<K>, { kind: 'set' }>['change']) => string;
    unchanged: string;
  },
): Answer {
  switch (outcome.kind) {
    case 'set':
      return actionAnswer(
        cards.reply(request.by, outcome.action, outcome.current, request.place, {
          tone: 'good',
          text: words.saved(outcome.change),
        }),
        words.saved(outcome.change),
      );
    case 'unchanged':
      return actionAnswer(
        cards.reply(request.by, outcome.action, outcome.current, request.place, {
          tone: 'default',
          text: words.unchanged,
        }),
        words.unchanged,
      );
    case 'invalid':
      return notice('warning', 'Nothing was saved', outcome.problem, [`show action ${request.actionId}`]);
    case 'notAllowed':
      return notice('warning', words.notAllowed, 'Nothing was saved.', [`show action ${request.actionId}`]);
    case 'unknownAction':
      return noSuchAction(outcome.actionId);
    case 'busy':
      return busy(request.actionId);
  }
}
