import { z } from 'zod';
import { isLoopbackUrl } from './loopback';

/**
 * The least an activity must hold before the SDK sees it. Without these the SDK either throws (a 500)
 * or runs a turn that cannot reply; both are a sender's mistake, answered 400 with what is wrong.
 */
const account = z.object({ id: z.string().min(1) }).passthrough();
const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//i.test(value), 'must be an http(s) URL');

const mention = z.object({ type: z.literal('mention'), mentioned: account }).passthrough();
const entity = z.union([
  mention,
  z
    .object({ type: z.string() })
    .passthrough()
    .refine((e) => e.type !== 'mention'),
]);

/** Activities that get an answer need somewhere to send it. */
const conversational = z
  .object({
    type: z.string().min(1),
    serviceUrl: httpUrl,
    from: account,
    recipient: account,
    conversation: account,
    text: z.string().optional(),
    entities: z.array(entity).optional(),
  })
  .passthrough();

const anyActivity = z.object({ type: z.string().min(1) }).passthrough();

const ANSWERED = new Set(['message', 'invoke', 'conversationUpdate', 'installationUpdate']);

export interface InboundRules {
  /**
   * Local mode: nothing proves where an activity came from, so the bot only ever answers this machine.
   * Without this a request could point the bot's replies (and stored conversation references, and so the
   * digest) at any server, or at another service on this machine's network.
   */
  loopbackServiceUrlOnly: boolean;
}

export function inboundActivityProblem(body: unknown, rules: InboundRules): string | undefined {
  const base = anyActivity.safeParse(body);
  if (!base.success) return 'The request is not an activity with a type.';
  const serviceUrl = (body as { serviceUrl?: unknown }).serviceUrl;
  if (
    rules.loopbackServiceUrlOnly &&
    serviceUrl !== undefined &&
    (typeof serviceUrl !== 'string' || !isLoopbackUrl(serviceUrl))
  ) {
    return 'In local mode the serviceUrl must be on this machine (localhost, 127.0.0.1 or [::1]).';
  }
  if (!ANSWERED.has(base.data.type)) return undefined;
  const checked = conversational.safeParse(body);
  if (checked.success) return undefined;
  const issue = checked.error.issues[0];
  return `The activity's ${issue.path.join('.') || 'body'} is missing or malformed (${issue.message}).`;
}
