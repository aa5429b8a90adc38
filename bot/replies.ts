import { buildCard, type AdaptiveCardJson } from '../cards';
import type { Answer } from '../views/answer';
import type { Logger } from './logger';
import {
  activityOf,
  cardAttachment,
  connectorStatusOf,
  messageWith,
  sendInTurn,
  type Attachment,
  type TurnContext,
} from './teams-turn';

/** Answers, then Teams attachments each in a message of its own (file consent cards, one per file). */
export interface AnswersAndAttachments {
  answers: Answer[];
  attachments: Attachment[];
}

export async function replyWithCard(
  context: TurnContext,
  card: AdaptiveCardJson,
  summary?: string,
): Promise<void> {
  await sendInTurn(context, messageWith(cardAttachment(card), summary));
}

export async function replyWithAnswer(context: TurnContext, answer: Answer): Promise<void> {
  await replyWithCard(context, buildCard(answer.screen), answer.summary);
}

export async function replyWithAll(
  context: TurnContext,
  reply: Answer | AnswersAndAttachments,
): Promise<void> {
  if (!('answers' in reply)) return replyWithAnswer(context, reply);
  for (const answer of reply.answers) await replyWithAnswer(context, answer);
  for (const attachment of reply.attachments) await sendInTurn(context, messageWith(attachment));
}

/** An Action.Execute invoke's answer: a card that replaces the one the user acted on, for them only. */
export interface ExecuteResponse {
  status: 200;
  body: { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: AdaptiveCardJson };
}

export function executeAnswer(card: AdaptiveCardJson): ExecuteResponse {
  return {
    status: 200,
    body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
  };
}

/** Well inside the few seconds Teams waits for an invoke's answer, which comes after this. */
export const SHARED_CARD_TIMEOUT_MS = 2000;

/**
 * Replaces the card everyone sees in the conversation (the shared, read-only view). Runs after a change is
 * committed, so it never fails the turn: whatever goes wrong (403/404 when the message is gone or the bot
 * may not edit it, 5xx, a connector that never answers) is logged and reported as false, and the person is
 * still told their change was saved.
 */
export async function replaceSharedCard(
  context: TurnContext,
  card: AdaptiveCardJson,
  logger: Logger,
  timeoutMs = SHARED_CARD_TIMEOUT_MS,
): Promise<boolean> {
  const messageId = activityOf(context).replyToId;
  if (!messageId) return true;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timedOut'>((resolve) => {
    timer = setTimeout(() => resolve('timedOut'), timeoutMs);
  });
  // The SDK updates the message in place when the activity carries the id of the one it replaces.
  const update = context.send({ ...messageWith(cardAttachment(card)), id: messageId } as never);
  try {
    const result = await Promise.race([update.then(() => 'replaced' as const), timedOut]);
    if (result === 'timedOut') logger.warn({ timeoutMs }, 'shared card not refreshed: no answer in time');
    return result === 'replaced';
  } catch (error) {
    // Deliberately broad: the change is already stored, and no failure here may undo "Saved".
    logger.warn({ err: error, statusCode: connectorStatusOf(error) }, 'shared card not refreshed');
    return false;
  } finally {
    clearTimeout(timer);
    update.catch(() => undefined);
  }
}
