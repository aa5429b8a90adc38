import {
  UnconfirmedPostError,
  type Messenger,
  type PostedResult,
  type PostResult,
  type SendResult,
} from '../app/messenger';
import { buildCard } from '../cards';
import type { Answer } from '../views/answer';
import { SendTimeoutError, type ProactiveSender } from './proactive-sender';
import { mayHaveBeenPosted } from './teams-turn';

/** The use cases' Messenger, in Teams: each answer drawn as its card and sent by the proactive sender. */
export class TeamsMessenger implements Messenger {
  constructor(private readonly sender: ProactiveSender) {}

  sendToChat(address: Record<string, unknown>, answer: Answer): Promise<SendResult> {
    return this.sender.sendCard(address, buildCard(answer.screen), answer.summary);
  }

  async postToChannel(
    address: Record<string, unknown>,
    channelId: string,
    answer: Answer,
    onLateAnswer?: (late: PostedResult) => void,
  ): Promise<PostResult> {
    const card = buildCard(answer.screen);
    const posted = (delivered: { conversationId: string; activityId?: string }): PostedResult => ({
      kind: 'sent',
      ...delivered,
      postedCard: JSON.stringify(card),
      postedReference: postReference(address, delivered.conversationId),
    });
    let sent: SendResult;
    try {
      sent = await this.sender.postToChannel(
        address,
        channelId,
        card,
        answer.summary,
        onLateAnswer && ((late) => onLateAnswer(posted(late))),
      );
    } catch (error) {
      if (error instanceof SendTimeoutError || mayHaveBeenPosted(error))
        throw new UnconfirmedPostError(JSON.stringify(card), error);
      throw error;
    }
    return sent.kind === 'sent' ? posted(sent) : sent;
  }
}

/** The new post's own conversation, reached the way the channel is: for updating it in place. */
function postReference(channel: Record<string, unknown>, conversationId: string): Record<string, unknown> {
  const conversation = (channel.conversation ?? {}) as Record<string, unknown>;
  return { ...channel, activityId: undefined, conversation: { ...conversation, id: conversationId } };
}
