import type { z } from 'zod';
import { cardNotRead } from '../app/refusals';
import type { ShowAction } from '../app/show-action';
import type { UpdateStatus } from '../app/update-status';
import { buildCard } from '../cards';
import {
  openFormPayload,
  readAssignOwnerPayload,
  readUpdateStatusPayload,
  refreshActionPayload,
} from '../cards/verbs';
import type { Escalations } from '../app/escalations';
import type { Logger } from './logger';
import type { PeopleDirectory } from './people-directory';
import { executeAnswer, replaceSharedCard, type ExecuteResponse } from './replies';
import type { TurnContext } from './teams-turn';
import { turnOf } from './turn';

function parsePayload<T extends z.ZodTypeAny>(schema: T, data: unknown): z.infer<T> | undefined {
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** Action.Execute handlers: payload (zod) → use case → the card that replaces the one acted on. */
export class CardActions {
  constructor(
    private readonly showAction: ShowAction,
    private readonly updates: UpdateStatus,
    private readonly people: PeopleDirectory,
    private readonly logger: Logger,
    private readonly escalations?: Pick<Escalations, 'assign'>,
  ) {}

  /** The escalation card's assign form: the typed address, checked as `assign` checks it. */
  async assignOwner(context: TurnContext, data: unknown): Promise<ExecuteResponse> {
    const parsed = readAssignOwnerPayload(data);
    if (!parsed.success || !this.escalations) {
      this.logger.warn({ verb: 'assignOwner' }, 'card payload rejected');
      return this.answer(context, cardNotRead());
    }
    const turn = turnOf(context, this.people);
    return this.answer(
      context,
      await this.escalations.assign({ by: await turn.who(), ...parsed.data, delivery: turn.delivery }),
    );
  }

  /** Teams asks for one viewer's own view of an action card (Universal Actions refresh). */
  async refreshAction(context: TurnContext, data: unknown): Promise<ExecuteResponse> {
    const payload = parsePayload(refreshActionPayload, data);
    if (!payload) return this.answer(context, cardNotRead());
    const turn = turnOf(context, this.people);
    const viewer = await turn.whoIfPossible();
    return this.answer(context, await this.showAction.refresh(viewer, payload.actionId, turn.place));
  }

  /** "Open the form for 5.1": the action's form, filled in with what the person typed. Stores nothing. */
  async openForm(context: TurnContext, data: unknown): Promise<ExecuteResponse> {
    const payload = parsePayload(openFormPayload, data);
    if (!payload) return this.answer(context, cardNotRead());
    const turn = turnOf(context, this.people);
    const viewer = await turn.who();
    return this.answer(context, await this.showAction.openForm(viewer, payload, turn.place));
  }

  async updateStatus(context: TurnContext, data: unknown): Promise<ExecuteResponse> {
    const parsed = readUpdateStatusPayload(data);
    if (!parsed.success) {
      this.logger.warn({ verb: 'updateStatus' }, 'card payload rejected');
      return this.answer(context, cardNotRead());
    }
    const payload = parsed.data;
    const turn = turnOf(context, this.people);
    const answer = await this.updates.fromForm({
      by: await turn.who(),
      actionId: payload.actionId,
      rag: payload.rag,
      note: payload.note,
      details: payload.typed
        ? undefined
        : {
            impact: payload.impact,
            evidenceLink: payload.evidenceLink,
            correctiveAction: payload.correctiveAction,
          },
      baseVersion: payload.baseVersion,
      confirmPersonalData: payload.confirmPersonalData,
      list: payload.list,
      delivery: turn.delivery,
      place: turn.place,
      replaceSharedCard: (shared) => replaceSharedCard(context, buildCard(shared.screen), this.logger),
    });
    return this.answer(context, answer);
  }

  private answer(
    _context: TurnContext,
    answer: { screen: Parameters<typeof buildCard>[0] },
  ): ExecuteResponse {
    return executeAnswer(buildCard(answer.screen));
  }
}
