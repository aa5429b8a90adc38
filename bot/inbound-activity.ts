import { z } from 'zod';

/**
 * The least an activity must hold before the SDK sees it. Without these botbuilder either throws (a 500)
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

export function inboundActivityProblem(body: unknown): string | undefined {
  const base = anyActivity.safeParse(body);
  if (!base.success) return 'The request is not an activity with a type.';
  if (!ANSWERED.has(base.data.type)) return undefined;
  const checked = conversational.safeParse(body);
  if (checked.success) return undefined;
  const issue = checked.error.issues[0];
  return `The activity's ${issue.path.join('.') || 'body'} is missing or malformed (${issue.message}).`;
}
