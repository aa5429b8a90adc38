import { CardFactory, MessageFactory, type ConversationReference } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { AdaptiveCardJson } from '../cards';
import type { Logger } from './logger';

export type SendResult =
  { kind: 'sent'; activityId?: string } | { kind: 'notInConversation'; status: number };

/** Teams answers these when it is busy or briefly unwell; everything else is final. */
const RETRYABLE = new Set([412, 429, 502, 504]);
const MAX_ATTEMPTS = 5;

function statusCodeOf(error: unknown): number | undefined {
  const code = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } })
    ?.response?.headers;
  const value = headers?.get?.('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? Math.min(seconds * 1000, 60_000) : undefined;
}

/** Sends cards outside a turn (digest, reminders), with backoff and jitter on Teams' throttling. */
export class ProactiveSender {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly botAppId: string,
    private readonly logger: Logger,
    private readonly baseDelayMs = 500,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async sendCard(
    reference: Record<string, unknown>,
    card: AdaptiveCardJson,
    summary: string,
  ): Promise<SendResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        let activityId: string | undefined;
        // The adapter hands errors inside the callback to onTurnError, which logs and swallows them;
        // a send that failed must reach this loop instead.
        let failure: unknown;
        await this.adapter.continueConversationAsync(
          this.botAppId,
          reference as Partial<ConversationReference>,
          async (context) => {
            try {
              const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
              activity.summary = summary;
              activityId = (await context.sendActivity(activity))?.id;
            } catch (error) {
              failure = error;
            }
          },
        );
        if (failure !== undefined) throw failure;
        return { kind: 'sent', activityId };
      } catch (error) {
        const status = statusCodeOf(error);
        if (status === 403 || status === 404) return { kind: 'notInConversation', status };
        if (status === undefined || !RETRYABLE.has(status) || attempt >= MAX_ATTEMPTS) throw error;
        const backoff = this.baseDelayMs * 2 ** (attempt - 1);
        const delay = retryAfterMs(error) ?? backoff / 2 + Math.random() * backoff;
        this.logger.warn({ status, attempt, delayMs: Math.round(delay) }, 'Teams throttled a send; retrying');
        await this.sleep(delay);
      }
    }
  }
}
