import type { Answer } from '../views/answer';

export type SendResult =
  | { kind: 'sent'; conversationId: string; activityId?: string }
  /** Teams answered 403/404: the bot is no longer in that conversation. */
  | { kind: 'notInConversation'; status: number };

/**
 * A new channel post, with what a redaction needs to rewrite it later: the card as posted (JSON) and the
 * new post's own address. Both are opaque here.
 */
export type PostResult =
  | (Extract<SendResult, { kind: 'sent' }> & { postedCard: string; postedReference: Record<string, unknown> })
  | Extract<SendResult, { kind: 'notInConversation' }>;

/**
 * Messages sent outside a turn (the digest, reminders, notices to admins). Addresses are the opaque
 * conversation references Teams gave; a send that Teams does not answer in time throws.
 */
export interface Messenger {
  /** A message in an existing conversation (a person's chat with the bot). */
  sendToChat(address: Record<string, unknown>, answer: Answer): Promise<SendResult>;
  /** A new post in a channel, never a reply to an older message. */
  postToChannel(address: Record<string, unknown>, channelId: string, answer: Answer): Promise<PostResult>;
}
