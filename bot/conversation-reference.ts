import type { ConversationReference, InboundActivity as Activity } from './teams-turn';

/** Ids in Teams are at most a few hundred characters; longer ones are not stored or replied to later. */
const MAX_ID_LENGTH = 1024;
const MAX_URL_LENGTH = 2048;

const bounded = (value: unknown, max = MAX_ID_LENGTH): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;

/**
 * What the Bot Framework needs to reach a conversation again, and nothing else: no display names, no
 * channel data, every field bounded, so a stored reference stays far below a table property's 64 KB.
 * Undefined when a field it needs is missing or too long to be real.
 */
export function boundedConversationReference(
  activity: Partial<Activity>,
): Partial<ConversationReference> | undefined {
  const serviceUrl = bounded(activity.serviceUrl, MAX_URL_LENGTH);
  const channelId = bounded(activity.channelId);
  const conversationId = bounded(activity.conversation?.id);
  const botId = bounded(activity.recipient?.id);
  const userId = bounded(activity.from?.id);
  if (!serviceUrl || !channelId || !conversationId || !botId || !userId) return undefined;
  const conversationType = bounded(activity.conversation?.conversationType, 64);
  const tenantId = bounded(activity.conversation?.tenantId, 64);
  const aadObjectId = bounded(activity.from?.aadObjectId, 64);
  return {
    channelId,
    serviceUrl,
    bot: { id: botId, name: '' },
    user: { id: userId, name: '', ...(aadObjectId ? { aadObjectId } : {}) },
    conversation: {
      id: conversationId,
      isGroup: activity.conversation?.isGroup === true,
      name: '',
      conversationType: conversationType ?? '',
      ...(tenantId ? { tenantId } : {}),
    },
  };
}
