import type { ActivityParams, Attachment } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';

export type { Attachment };

interface InboundAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
}

/**
 * An inbound activity as the bot reads it. Checked by inboundActivityProblem before the SDK sees it; the
 * fields beyond that check are read defensively (zod or typeof), never trusted for their shape.
 */
export interface InboundActivity {
  type: string;
  id?: string;
  name?: string;
  text?: string;
  value?: unknown;
  action?: string;
  replyToId?: string;
  serviceUrl?: string;
  channelId?: string;
  from?: InboundAccount;
  recipient?: InboundAccount;
  conversation?: {
    id: string;
    conversationType?: string;
    tenantId?: string;
    isGroup?: boolean;
  };
  channelData?: unknown;
  membersAdded?: InboundAccount[];
  membersRemoved?: InboundAccount[];
}

/** What the Bot Framework needs to reach a conversation again (stored for proactive messages). */
export interface ConversationReference {
  activityId?: string;
  channelId: string;
  serviceUrl: string;
  bot: InboundAccount;
  user?: InboundAccount;
  conversation: {
    id: string;
    isGroup?: boolean;
    name?: string;
    conversationType?: string;
    tenantId?: string;
  };
  locale?: string;
}

/** One turn in the Teams SDK, whatever the route: the activity, the reply, and the API for its serviceUrl. */
export type TurnContext = Pick<IActivityContext, 'send' | 'api' | 'ref'> & { activity: unknown };

/** The activity of a turn, read as the bot reads it. */
export const activityOf = (context: TurnContext): InboundActivity => context.activity as InboundActivity;

/** An outbound message as the bot builds it: cards and files as attachments, a summary for notifications. */
export interface OutboundMessage {
  type: 'message';
  attachments: Attachment[];
  summary?: string;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function messageWith(attachment: Attachment, summary?: string): OutboundMessage {
  return { type: 'message', attachments: [attachment], ...(summary ? { summary } : {}) };
}

export function cardAttachment(card: object): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}

/** The SDK's send takes its own activity shapes; an OutboundMessage is one of them. */
export const asParams = (message: OutboundMessage): ActivityParams => message as unknown as ActivityParams;

const responded = new WeakSet<object>();

/**
 * Every message the bot sends in a turn goes through here, so a failed turn knows whether it answered.
 * It replies to the activity (replyToId), which threads it in a channel.
 */
export async function sendInTurn(
  context: TurnContext,
  message: OutboundMessage,
): Promise<string | undefined> {
  const replyToId = activityOf(context).id;
  const sent = await context.send(
    asParams({ ...message, ...(replyToId ? { replyToId } : {}) } as OutboundMessage),
  );
  responded.add(context.activity as object);
  return (sent as { id?: string } | undefined)?.id;
}

export const hasResponded = (context: TurnContext): boolean => responded.has(context.activity as object);

/** Status of a failed Bot Connector call (axios errors carry it on the response), if it got one. */
export function connectorStatusOf(error: unknown): number | undefined {
  const response = (error as { response?: { status?: unknown } } | null)?.response;
  if (typeof response?.status === 'number') return response.status;
  const code = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/** A Retry-After header on a failed call, in milliseconds (at most a minute). */
export function connectorRetryAfterMs(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers;
  const value = headers?.['retry-after'];
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? Math.min(seconds * 1000, 60_000) : undefined;
}

/**
 * Errors of the HTTP call itself: an answer with a status, a timeout, an aborted or failed connection.
 * axios keeps the name of the error under a failed connection ("Error" for ECONNREFUSED), so its own
 * mark, `isAxiosError`, says it too.
 */
export function isConnectorFailure(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return (
    name === 'AxiosError' ||
    (error as { isAxiosError?: unknown } | null)?.isAxiosError === true ||
    name === 'CanceledError' ||
    name === 'AbortError' ||
    name === 'TimeoutError' ||
    connectorStatusOf(error) !== undefined
  );
}

/** Answers that say nothing was done (no post), and connections that never reached Teams. */
const NOT_POSTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL']);

/**
 * Whether a failed send may still have posted its message: Teams (or a gateway before it) answered 5xx,
 * or the request was cut off before any answer. A 4xx, or a connection never made, means it was not.
 */
export function mayHaveBeenPosted(error: unknown): boolean {
  if (!isConnectorFailure(error)) return false;
  const status = connectorStatusOf(error);
  if (status !== undefined) return status >= 500;
  const code = (error as { code?: unknown } | null)?.code;
  return !(typeof code === 'string' && NOT_POSTED_CODES.has(code));
}
