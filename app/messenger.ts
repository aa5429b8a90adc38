import type { Answer } from '../views/answer';

export type SendResult =
  | {
      kind: 'sent';
      conversationId: string;
      activityId?: string;
      /** Earlier attempts that failed in a way that may still have posted them (a gateway's 502/504). */
      unconfirmedAttempts?: number;
    }
  /** Teams answered 403/404: the bot is no longer in that conversation. */
  | { kind: 'notInConversation'; status: number };

/**
 * A new channel post, with what a redaction needs to rewrite it later: the card as posted (JSON) and the
 * new post's own address. Both are opaque here.
 */
export type PostResult =
  | (Extract<SendResult, { kind: 'sent' }> & { postedCard: string; postedReference: Record<string, unknown> })
  | Extract<SendResult, { kind: 'notInConversation' }>;

export type PostedResult = Extract<PostResult, { kind: 'sent' }>;

/**
 * Teams did not answer a new post in time (or a gateway answered 5xx), so it may or may not be in the channel. Its card (JSON) is
 * kept so that the attempt stays on record; if Teams answers later, `onLateAnswer` hears which post it is.
 */
export class UnconfirmedPostError extends Error {
  constructor(
    readonly card: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : 'Teams did not answer a new channel post', { cause });
    this.name = 'UnconfirmedPostError';
  }
}

/**
 * Messages sent outside a turn (the digest, reminders, notices to admins). Addresses are the opaque
 * conversation references Teams gave; a send that Teams does not answer in time throws.
 */
export interface Messenger {
  /** A message in an existing conversation (a person's chat with the bot). */
  sendToChat(address: Record<string, unknown>, answer: Answer): Promise<SendResult>;
  /**
   * A new post in a channel, never a reply to an older message. Throws UnconfirmedPostError when Teams did
   * not answer in time; `onLateAnswer` hears of the post if Teams answers after that.
   */
  postToChannel(
    address: Record<string, unknown>,
    channelId: string,
    answer: Answer,
    onLateAnswer?: (late: PostedResult) => void,
  ): Promise<PostResult>;
}
