import type { Person } from '../domain/person';
import type { FactOutcome } from '../domain/changes/target-change';
import type { Answer } from '../views/answer';
import { actionAnswer, type ActionCards, type Place } from './action-cards';
import { notice } from './notices';
import { busy, noSuchAction } from './refusals';

type FactKind = 'target' | 'lead';

/** What an action fact's answer says when it is stored, refused, or already so. */
export interface FactWords<K extends FactKind> {
  notAllowed: string;
  saved: (change: Extract<FactOutcome<K>, { kind: 'set' }>['change']) => string;
  unchanged: string;
}

/** Sets one fact of an action (its target date, its lead agency) and answers with the action card. */
export class SetActionFact<R extends { by: Person; actionId: string; place: Place }, K extends FactKind> {
  constructor(
    private readonly write: (request: R) => Promise<FactOutcome<K>>,
    private readonly cards: ActionCards,
    private readonly words: FactWords<K>,
  ) {}

  async set(request: R): Promise<Answer> {
    return factAnswer(this.cards, request, await this.write(request), this.words);
  }
}

/** The answer to a target or lead change: the action card with what happened, or why nothing was stored. */
function factAnswer<K extends FactKind>(
  cards: ActionCards,
  request: { by: Person; actionId: string; place: Place },
  outcome: FactOutcome<K>,
  words: FactWords<K>,
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
