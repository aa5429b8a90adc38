import type { z } from 'zod';
import { lateAssignAnswer, lateReadAnswer, lateSaveAnswer } from '../app/late-answers';
import { cardNotRead } from '../app/refusals';
import type { SaveState, WatchSaves } from '../app/save-watch';
import type { Answer } from '../views/answer';
import type { ShowAction } from '../app/show-action';
import type { UpdateStatus } from '../app/update-status';
import { buildCard } from '../cards';
import {
  openFormPayload,
  readAssignOwnerPayload,
  readUpdateStatusPayload,
  refreshActionPayload,
  type UpdateStatusPayload,
} from '../cards/verbs';
import type { Escalations } from '../app/escalations';
import { answerInTime, INVOKE_DEADLINE_MS } from './invoke-deadline';
import type { Logger } from './logger';
import type { PeopleDirectory } from './people-directory';
import { executeAnswer, replaceSharedCard, type ExecuteResponse } from './replies';
import type { TurnContext } from './teams-turn';
import { turnOf, type Turn } from './turn';

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
    private readonly watchSaves: WatchSaves,
    private readonly deadlineMs = INVOKE_DEADLINE_MS,
    private readonly escalations?: Pick<Escalations, 'assign'>,
  ) {}

  /** The escalation card's assign form: the typed address, checked as `assign` checks it. */
  async assignOwner(context: TurnContext, data: unknown): Promise<ExecuteResponse> {
    const parsed = readAssignOwnerPayload(data);
    if (!parsed.success || !this.escalations) {
      this.logger.warn({ verb: 'assignOwner' }, 'card payload rejected');
      return this.answer(context, cardNotRead());
    }
    const { escalations } = this;
    const turn = turnOf(context, this.people);
    return this.inTime(
      context,
      'assignOwner',
      async () => escalations.assign({ by: await turn.who(), ...parsed.data, delivery: turn.delivery }),
      (state) => lateAssignAnswer(state, parsed.data.actionId),
    );
  }

  /** The roster, the store and the redraw together get one deadline; past it the answer says what is known. */
  private inTime(
    context: TurnContext,
    verb: string,
    work: () => Promise<Answer>,
    late: (state: SaveState) => Answer,
  ): Promise<ExecuteResponse> {
    return answerInTime(
      async () => this.answer(context, await work()),
      (state) => this.answer(context, late(state)),
      { watchSaves: this.watchSaves, deadlineMs: this.deadlineMs, logger: this.logger, verb },
    );
  }

  /** Teams asks for one viewer's own view of an action card (Universal Actions refresh). */
  async refreshAction(context: TurnContext, data: unknown): Promise<ExecuteResponse> {
    return this.readInTime(context, 'refreshAction', refreshActionPayload, data, async (payload, turn) =>
      this.showAction.refresh(await turn.whoIfPossible(), payload.actionId, turn.place),
    );
  }

  /** "Open the form for 5.1": the action's form, filled in with what the person typed. Stores nothing. */
  async openForm(context: TurnContext, data: unknown): Promise<ExecuteResponse> {
    return this.readInTime(context, 'openForm', openFormPayload, data, async (payload, turn) =>
      this.showAction.openForm(await turn.who(), payload, turn.place),
    );
  }

  /** A card action that only reads: its payload checked, then the card in time, or that the store is not there. */
  private async readInTime<S extends z.ZodTypeAny>(
    context: TurnContext,
    verb: string,
    schema: S,
    data: unknown,
    show: (payload: z.infer<S>, turn: Turn) => Promise<Answer>,
  ): Promise<ExecuteResponse> {
    const payload = parsePayload(schema, data);
    if (!payload) return this.answer(context, cardNotRead());
    const turn = turnOf(context, this.people);
    return this.inTime(context, verb, () => show(payload, turn), lateReadAnswer);
  }

  async updateStatus(context: TurnContext, data: unknown): Promise<ExecuteResponse> {
    const parsed = readUpdateStatusPayload(data);
    if (!parsed.success) {
      this.logger.warn({ verb: 'updateStatus' }, 'card payload rejected');
      return this.answer(context, cardNotRead());
    }
    const payload = parsed.data;
    return this.inTime(
      context,
      'updateStatus',
      () => this.save(context, payload),
      (state) => lateSaveAnswer(state, payload),
    );
  }

  private async save(context: TurnContext, payload: UpdateStatusPayload): Promise<Answer> {
    const turn = turnOf(context, this.people);
    return this.updates.fromForm({
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
  }

  private answer(
    _context: TurnContext,
    answer: { screen: Parameters<typeof buildCard>[0] },
  ): ExecuteResponse {
    return executeAnswer(buildCard(answer.screen));
  }
}
