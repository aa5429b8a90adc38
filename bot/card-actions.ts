import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import { buildNoticeCard, buildPersonalDataCheckCard, type AdaptiveCardJson } from '../cards';
import { readUpdateStatusPayload, refreshActionPayload } from '../cards/verbs';
import { findAction } from '../domain/plan-lookup';
import { RAG_LABELS } from '../domain/rag-status';
import { timeAgo } from '../domain/relative-time';
import type { BotDependencies } from './bot-dependencies';
import { isPersonalChat, personalActionCard, sharedActionCard } from './action-card-views';
import { refusalReply } from './command-handlers';
import { answerExecuteWithCard, replaceSharedCard } from './replies';

function invalidPayloadCard(): AdaptiveCardJson {
  return buildNoticeCard({
    tone: 'warning',
    title: 'That card could not be read',
    text: 'The card sent something I did not expect, so nothing was saved. Please open the action again.',
    suggestions: [{ title: 'help', command: 'help' }],
  });
}

function parsePayload<T extends z.ZodTypeAny>(schema: T, data: unknown): z.infer<T> | undefined {
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** Action.Execute handlers: each answers with the card that replaces the one acted on. */
export class CardActions {
  constructor(private readonly deps: BotDependencies) {}

  /** Teams asks for one viewer's own view of an action card (Universal Actions refresh). */
  async refreshAction(context: TurnContext, data: unknown): Promise<void> {
    const payload = parsePayload(refreshActionPayload, data);
    const action = payload && findAction(this.deps.plan, payload.actionId);
    if (!action) return answerExecuteWithCard(context, invalidPayloadCard());
    const viewer = await this.deps.people.identify(context);
    const status = await this.deps.statusService.currentStatus(action.id);
    await answerExecuteWithCard(context, personalActionCard(this.deps, context, viewer, action, status));
  }

  /** The update form was submitted. */
  async updateStatus(context: TurnContext, data: unknown): Promise<void> {
    const parsed = readUpdateStatusPayload(data);
    const payload = parsed.success ? parsed.data : undefined;
    const action = payload && findAction(this.deps.plan, payload.actionId);
    if (!payload || !action) {
      this.deps.logger.warn({ verb: 'updateStatus' }, 'card payload rejected');
      return answerExecuteWithCard(context, invalidPayloadCard());
    }
    const viewer = await this.deps.people.identify(context);
    const outcome = await this.deps.statusService.updateStatus({
      actionId: action.id,
      ragWord: payload.rag,
      note: payload.note,
      by: viewer,
      baseVersion: payload.baseVersion,
      confirmPersonalData: payload.confirmPersonalData,
    });
    switch (outcome.kind) {
      case 'saved': {
        this.deps.logger.info(
          { actionId: action.id, from: outcome.previous.rag, to: outcome.current.rag },
          'status updated by card',
        );
        this.deps.logger.debug({ actionId: action.id, note: outcome.current.note }, 'status note');
        if (!isPersonalChat(context)) {
          await replaceSharedCard(context, sharedActionCard(this.deps, viewer, action, outcome.current));
        }
        const text = `Saved: ${RAG_LABELS[outcome.previous.rag]} → ${RAG_LABELS[outcome.current.rag]}.`;
        return answerExecuteWithCard(
          context,
          personalActionCard(this.deps, context, viewer, action, outcome.current, {
            notice: { tone: 'good', text },
          }),
        );
      }
      case 'changedSinceForm': {
        const current = outcome.current;
        const who = current.updatedByName ?? current.updatedByEmail ?? 'someone';
        const when = current.updatedAt ? timeAgo(new Date(current.updatedAt), this.deps.clock()) : 'just now';
        const text = `Status changed to ${RAG_LABELS[current.rag]} by ${who} ${when}; submit anyway?`;
        return answerExecuteWithCard(
          context,
          personalActionCard(this.deps, context, viewer, action, current, {
            notice: { tone: 'warning', text },
            draft: { rag: outcome.rag, note: outcome.note, submitLabel: 'Submit anyway' },
          }),
        );
      }
      case 'checkPersonalData':
        return answerExecuteWithCard(
          context,
          buildPersonalDataCheckCard({
            actionId: action.id,
            actionTitle: action.title,
            rag: outcome.rag,
            note: outcome.note,
            baseVersion: outcome.current.version,
            findings: outcome.findings,
          }),
        );
      default:
        return answerExecuteWithCard(context, refusalReply(outcome).card);
    }
  }
}
