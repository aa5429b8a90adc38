import type { Place } from '../app/action-cards';
import type { ChannelAddress } from '../app/board-channel';
import type { InboundActivity as Activity } from './teams-turn';

/** A personal chat's cards are one person's; a group chat's or channel's are everyone's. */
export function placeOf(activity: Activity): Place {
  return activity.conversation?.conversationType === 'personal' ? 'personal' : 'shared';
}

/** The channel's own conversation id, not the thread a message started (`<channel>;messageid=<id>`). */
export function channelConversationId(activity: Activity): string {
  const channel = (activity.channelData as { channel?: { id?: unknown } } | undefined)?.channel;
  if (typeof channel?.id === 'string' && channel.id) return channel.id;
  return activity.conversation?.id?.split(';')[0] ?? '';
}

/** Where a team channel can be posted to later; undefined outside a team channel. */
export function channelAddressOf(activity: Activity): ChannelAddress | undefined {
  const team = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team;
  if (activity.conversation?.conversationType !== 'channel' || typeof team?.id !== 'string') return undefined;
  const conversationId = channelConversationId(activity);
  return {
    conversationId,
    reference: {
      activityId: activity.id,
      user: activity.from,
      bot: activity.recipient,
      conversation: { ...activity.conversation, id: conversationId },
      channelId: activity.channelId,
      locale: (activity as { locale?: unknown }).locale,
      serviceUrl: activity.serviceUrl,
    },
  };
}

/**
 * Which delivery this turn is: Teams redelivers an activity with the same id in the same conversation
 * when the bot answered slowly, and a change made by it must apply once. Undefined without an id.
 */
export function deliveryOf(activity: Activity): string | undefined {
  const activityId = activity.id;
  const conversationId = activity.conversation?.id;
  return activityId && conversationId ? `${conversationId}\n${activityId}` : undefined;
}
