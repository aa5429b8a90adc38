import type { App } from '@microsoft/teams.apps';
import { backOff } from 'exponential-backoff';
import { setTimeout as pause } from 'node:timers/promises';
import type { AdaptiveCardJson } from '../cards';
import type { PostedCardUpdater } from '../domain/digest-ports';
import { withCallerDeadline } from './connector-deadline';
import type { Logger } from './logger';
import {
  asParams,
  cardAttachment,
  connectorRetryAfterMs,
  connectorStatusOf,
  mayHaveBeenPosted,
  messageWith,
  type ConversationReference,
  type OutboundMessage,
} from './teams-turn';

import type { SendResult } from '../app/messenger';

export type { SendResult };

/**
 * Teams accepted the request and did not answer in time. The message may or may not have gone out, so it
 * is not retried here; the caller decides (the digest gives its week back, so the next run posts it).
 */
export class SendTimeoutError extends Error {
  constructor(
    readonly timeoutMs: number,
    readonly what: string,
  ) {
    super(`Teams did not answer ${what} within ${timeoutMs / 1000} s`);
    this.name = 'SendTimeoutError';
  }
}

/** Teams answers these when it is busy or briefly unwell; everything else is final. */
const RETRYABLE = new Set([412, 429, 502, 504]);
const MAX_ATTEMPTS = 5;

const statusCodeOf = connectorStatusOf;
const retryAfterMs = connectorRetryAfterMs;

/** The SDK's Bot Connector client (the app's, with its token and HTTP options). */
type Connector = App['api'];

export interface ProactiveSenderOptions {
  /** The most the first pause after a throttled send may be; doubles each attempt (full jitter). */
  baseDelayMs?: number;
  /** Each attempt (token, connection, answer) must finish within this. */
  timeoutMs?: number;
}

type Delivered = { conversationId: string; activityId?: string };

/**
 * Sends cards outside a turn (digest, reminders, notices to admins): every attempt bounded by a timeout,
 * Teams' throttling retried with backoff and jitter.
 */
export class ProactiveSender implements PostedCardUpdater {
  private readonly baseDelayMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly connector: Connector,
    private readonly botAppId: string,
    private readonly logger: Logger,
    options: ProactiveSenderOptions = {},
  ) {
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** A message in an existing conversation (a person's chat with the bot), not a reply to anything in it. */
  async sendCard(
    reference: Record<string, unknown>,
    card: AdaptiveCardJson,
    summary: string,
  ): Promise<SendResult> {
    return this.sendMessage(reference, cardActivity(card, summary));
  }

  /** Any message (a card, a file info card) in an existing conversation, not a reply to anything in it. */
  async sendMessage(reference: Record<string, unknown>, message: OutboundMessage): Promise<SendResult> {
    const target = { ...(reference as Partial<ConversationReference>), activityId: undefined };
    return this.withRetries(target, 'a message', async (client) => {
      const conversationId = target.conversation?.id;
      if (!conversationId) throw new Error('a conversation reference without a conversation id');
      const answer = await client.conversations
        .activities(conversationId)
        .create(asParams({ ...message, ...addressed(target) } as OutboundMessage));
      return { conversationId, activityId: answer.id };
    });
  }

  /**
   * A new post in a Teams channel: a new conversation in the channel, as Teams documents for bots
   * (POST /v3/conversations with the channel's id), never a reply to an older message.
   */
  async postToChannel(
    reference: Record<string, unknown>,
    channelId: string,
    card: AdaptiveCardJson,
    summary: string,
    onLateAnswer?: (late: Delivered) => void,
  ): Promise<SendResult> {
    const channel = reference as Partial<ConversationReference>;
    return this.withRetries(
      channel,
      'a new channel post',
      async (client) => {
        const created = await client.conversations.create({
          isGroup: true,
          bot: channel.bot ?? { id: `28:${this.botAppId}`, name: '' },
          tenantId: channel.conversation?.tenantId,
          channelData: { channel: { id: channelId } },
          activity: asParams(cardActivity(card, summary)),
          members: [],
        });
        return { conversationId: created.id, activityId: created.activityId };
      },
      onLateAnswer,
    );
  }

  /**
   * Replaces a message the bot posted (after a redaction). A refusal, a timeout or an unreachable Teams
   * is logged (status only, never the card) and reported, not thrown: the record changes regardless.
   */
  async updateCard(
    reference: Record<string, unknown>,
    activityId: string,
    card: AdaptiveCardJson,
  ): Promise<'updated' | 'failed'> {
    const target = reference as Partial<ConversationReference>;
    const conversationId = target.conversation?.id;
    if (!conversationId) return 'failed';
    try {
      await this.attempt(target, 'a card update', async (client) => {
        const activity = { ...cardActivity(card, ''), ...addressed(target), id: activityId };
        await client.conversations.activities(conversationId).update(activityId, asParams(activity));
        return { conversationId, activityId };
      });
      return 'updated';
    } catch (error) {
      const status = statusCodeOf(error);
      const code = (error as { code?: unknown } | null)?.code;
      if (status === undefined && typeof code !== 'string' && !(error instanceof SendTimeoutError))
        throw error;
      this.logger.warn({ status, code, activityId }, 'a posted card could not be updated');
      return 'failed';
    }
  }

  private awaitLateAnswer(
    delivery: Promise<Delivered>,
    controller: AbortController,
    onLateAnswer: (late: Delivered) => void,
  ): void {
    const cutOff = setTimeout(() => controller.abort(), LATE_ANSWER_MS);
    cutOff.unref();
    delivery.then(
      (late) => {
        clearTimeout(cutOff);
        this.logger.warn(
          { activityId: late.activityId },
          'Teams answered a post after the bot stopped waiting',
        );
        onLateAnswer(late);
      },
      () => clearTimeout(cutOff),
    );
  }

  private async withRetries(
    reference: Partial<ConversationReference>,
    what: string,
    send: (client: Connector) => Promise<Delivered>,
    onLateAnswer?: (late: Delivered) => void,
  ): Promise<SendResult> {
    // Microsoft asks bots to retry 502 and 504 too, but a gateway may answer them after Teams posted.
    let unconfirmedAttempts = 0;
    try {
      const delivered = await backOff(() => this.attempt(reference, what, send, onLateAnswer), {
        numOfAttempts: MAX_ATTEMPTS,
        startingDelay: this.baseDelayMs,
        timeMultiple: 2,
        jitter: 'full',
        delayFirstAttempt: false,
        retry: async (error: unknown, attempt: number) => {
          const again = await this.waitOutThrottling(error, attempt);
          if (again && mayHaveBeenPosted(error)) unconfirmedAttempts += 1;
          return again;
        },
      });
      return { kind: 'sent', ...delivered, ...(unconfirmedAttempts > 0 ? { unconfirmedAttempts } : {}) };
    } catch (error) {
      const status = statusCodeOf(error);
      if (status === 403 || status === 404) return { kind: 'notInConversation', status };
      throw error;
    }
  }

  /** Whether a failed attempt is tried again; Teams' Retry-After, when sent, is waited out first. */
  private async waitOutThrottling(error: unknown, attempt: number): Promise<boolean> {
    const status = statusCodeOf(error);
    if (status === undefined || !RETRYABLE.has(status) || attempt >= MAX_ATTEMPTS) return false;
    const asked = retryAfterMs(error);
    this.logger.warn({ status, attempt, retryAfterMs: asked }, 'Teams throttled a send; retrying');
    if (asked) await pause(asked);
    return true;
  }

  /**
   * One attempt, on the app's authenticated client for the reference's serviceUrl, within the timeout.
   * With `onLateAnswer`, a request still open at the deadline is left to finish (up to LATE_ANSWER_MS):
   * Teams may have posted it, and its answer, when it comes, is the only way to learn which message it is.
   */
  private async attempt(
    reference: Partial<ConversationReference>,
    what: string,
    send: (client: Connector) => Promise<Delivered>,
    onLateAnswer?: (late: Delivered) => void,
  ): Promise<Delivered> {
    const controller = new AbortController();
    const serviceUrl = reference.serviceUrl;
    const delivery = serviceUrl
      ? withCallerDeadline(controller.signal, () => send(this.connector.clone({ serviceUrl })))
      : Promise.reject(new Error(`${what}: a conversation reference without a serviceUrl`));
    let timer: NodeJS.Timeout | undefined;
    // The token request and the connection are bounded too, not only the HTTP answer.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (onLateAnswer) this.awaitLateAnswer(delivery, controller, onLateAnswer);
        else controller.abort();
        reject(new SendTimeoutError(this.timeoutMs, what));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([delivery, deadline]);
    } catch (error) {
      if (controller.signal.aborted) throw new SendTimeoutError(this.timeoutMs, what);
      throw error;
    } finally {
      clearTimeout(timer);
      // A delivery that fails after the deadline has nowhere to go.
      delivery.catch(() => undefined);
    }
  }
}

/** How long a post the bot stopped waiting for may still answer: Teams' own limits are far shorter. */
const LATE_ANSWER_MS = 120_000;

function cardActivity(card: AdaptiveCardJson, summary: string): OutboundMessage {
  return messageWith(cardAttachment(card), summary || undefined);
}

/** Who a proactive message is from and to, as the reference says (the SDK's send does this in a turn). */
function addressed(reference: Partial<ConversationReference>) {
  return {
    from: reference.bot,
    recipient: reference.user,
    conversation: reference.conversation,
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
  };
}
