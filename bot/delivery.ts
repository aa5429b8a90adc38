import type { TurnContext } from 'botbuilder';

/**
 * Which delivery this turn is: Teams redelivers an activity with the same id in the same conversation
 * when the bot answered slowly, and a change made by it must apply once. Undefined without an id.
 */
export function deliveryOf(context: TurnContext): string | undefined {
  const activityId = context.activity.id;
  const conversationId = context.activity.conversation?.id;
  return activityId && conversationId ? `${conversationId}\n${activityId}` : undefined;
}
