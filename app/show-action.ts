import { initialStatus } from '../domain/action-status';
import type { Person } from '../domain/person';
import { findAction } from '../domain/plan-lookup';
import type { RagStatus } from '../domain/rag-status';
import type { StatusService } from './status-service';
import type { Plan } from '../plan/plan-schema';
import type { Answer } from '../views/answer';
import { actionAnswer, type ActionCards, type Place } from './action-cards';
import type { BoardState } from './board-state';
import { cardNotRead, noSuchAction } from './refusals';
import { sourcesOfStatuses } from '../domain/posted-copies';

/** "show action 5.1", and the action card's own requests: one viewer's view (refresh), and "open the form". */
export class ShowAction {
  constructor(
    private readonly plan: Plan,
    private readonly statusService: StatusService,
    private readonly cards: ActionCards,
    private readonly board: Pick<BoardState, 'readAction'>,
  ) {}

  async show(viewer: Person, actionId: string, place: Place): Promise<Answer> {
    const action = findAction(this.plan, actionId);
    if (!action) return noSuchAction(actionId);
    const { status = initialStatus(action.id), previous } = await this.board.readAction(action.id);
    return {
      ...actionAnswer(this.cards.reply(viewer, action, status, place, undefined, { previous })),
      sources: sourcesOfStatuses([status]),
    };
  }

  /** Teams asks for one viewer's own view of an action card (Universal Actions refresh). */
  async refresh(viewer: Person, actionId: string, place: Place): Promise<Answer> {
    const action = findAction(this.plan, actionId);
    if (!action) return cardNotRead();
    const { status = initialStatus(action.id), previous } = await this.board.readAction(action.id);
    return actionAnswer(this.cards.personal(viewer, action, status, place, {}, { previous }));
  }

  /** "Open the form for 5.1": the action's form, filled in with what the person typed. Stores nothing. */
  async openForm(
    viewer: Person,
    request: { actionId: string; rag?: RagStatus; note?: string },
    place: Place,
  ): Promise<Answer> {
    const action = findAction(this.plan, request.actionId);
    if (!action) return cardNotRead();
    const status = await this.statusService.currentStatus(action.id);
    const mayUpdate = this.statusService.mayUpdate(viewer, status);
    return actionAnswer(
      this.cards.personal(viewer, action, status, place, {
        notice: mayUpdate
          ? undefined
          : { tone: 'warning', text: 'Only the owner or a board admin can update this action.' },
        draft: { rag: request.rag, note: request.note },
      }),
    );
  }
}
