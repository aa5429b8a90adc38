import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards';

export async function replyWithCard(
  context: TurnContext,
  card: AdaptiveCardJson,
  summary?: string,
): Promise<void> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary) activity.summary = summary;
  await context.sendActivity(activity);
}

/** Answers an Action.Execute invoke with a card that replaces the one the user acted on, for them only. */
export async function answerExecuteWithCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  await context.sendActivity({
    type: 'invokeResponse',
    value: {
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
    },
  });
}

/** Replaces the card everyone sees in the conversation (the shared, read-only view). */
export async function replaceSharedCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  const messageId = context.activity.replyToId;
  if (!messageId) return;
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  activity.id = messageId;
  await context.updateActivity(activity);
}
