import type { RedactionSweep } from '../app/redaction-sweep';
import { buildCard } from '../cards';
import type { Answer } from '../views/answer';
import { boundedConversationReference } from './conversation-reference';
import type { Logger } from './logger';
import type { AnswersAndAttachments } from './replies';
import { replyWithAll } from './replies';
import {
  activityOf,
  cardAttachment,
  mayHaveBeenPosted,
  messageWith,
  sendInTurn,
  type TurnContext,
} from './teams-turn';

/**
 * Replies in a channel or group chat, and records each card that shows notes (a write after the answer,
 * never a read before it), so that a redaction can find and update it. `tagBeforeDrawing` is the
 * redaction seal's tag this process knew before the use case read the record.
 */
export async function replyInSharedConversation(
  context: TurnContext,
  reply: Answer | AnswersAndAttachments,
  sweep: RedactionSweep,
  tagBeforeDrawing: string | undefined,
  logger: Logger,
): Promise<void> {
  if ('answers' in reply) return replyWithAll(context, reply);
  const card = buildCard(reply.screen);
  const reference = boundedConversationReference(activityOf(context));
  const what = `a ${reply.screen.card} card in a ${reference?.conversation?.conversationType === 'channel' ? 'channel' : 'group chat'}`;
  let sentId: string | undefined;
  try {
    sentId = await sendInTurn(context, messageWith(cardAttachment(card), reply.summary));
  } catch (error) {
    // Teams may have posted it without saying so: kept on record, so a redaction can name it.
    if (reply.sources?.length && mayHaveBeenPosted(error))
      await sweep
        .recordUnconfirmed(what, JSON.stringify(card), reply.sources, tagBeforeDrawing)
        .catch((failure: unknown) =>
          logger.warn({ err: failure, card: reply.screen.card }, 'an unconfirmed card could not be recorded'),
        );
    throw error;
  }
  if (!reply.sources?.length) return;
  if (!sentId || !reference) {
    logger.warn({ card: reply.screen.card }, 'a card showing notes was posted without an id to update it by');
    return;
  }
  try {
    await sweep.recordPosted(
      {
        what,
        reference: reference as Record<string, unknown>,
        activityId: sentId,
        card: JSON.stringify(card),
      },
      reply.sources,
      tagBeforeDrawing,
    );
  } catch (error) {
    logger.warn({ err: error, card: reply.screen.card }, 'a posted card could not be recorded for redaction');
  }
}
