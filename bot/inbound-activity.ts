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

/**
 * Invokes whose value the SDK's router reads before any handler runs (`value.action`, `value.actionName`,
 * `value.botMessagePreviewAction` in SDK 2.1): without an object there, routing throws and the SDK
 * answers 500. Teams always sends one; a request without it cannot be routed, so it is the sender's
 * mistake (400). Every other invoke is routed by name alone, and its handler reads the value with zod.
 */
const ROUTED_ON_VALUE = new Set([
  'fileConsent/invoke',
  'composeExtension/submitAction',
  'message/submitAction',
]);
const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every field the SDK 2.1 router (router.js `on`) reads to pick a route: it puts them in template strings
 * or uses them as keys, so an object there (`{"toString":1}`) throws and the SDK answers 500. Each must be
 * a string or absent. `when` is the activity the router reads the field on.
 */
const ROUTED_FIELDS: { path: string[]; when: (type: string, name: unknown) => boolean }[] = [
  { path: ['name'], when: () => true },
  { path: ['action'], when: (type) => type === 'installationUpdate' },
  { path: ['valueType'], when: (type) => type === 'event' },
  { path: ['value', 'action'], when: (type, name) => type === 'invoke' && name === 'fileConsent/invoke' },
  {
    path: ['value', 'botMessagePreviewAction'],
    when: (type, name) => type === 'invoke' && name === 'composeExtension/submitAction',
  },
  {
    path: ['value', 'actionName'],
    when: (type, name) => type === 'invoke' && name === 'message/submitAction',
  },
  { path: ['value', 'data', 'dialog_id'], when: (type, name) => type === 'invoke' && name === 'task/fetch' },
  { path: ['value', 'data', 'action'], when: (type, name) => type === 'invoke' && name === 'task/submit' },
  {
    path: ['value', 'action', 'data', 'action'],
    when: (type, name) => type === 'invoke' && name === 'adaptiveCard/action',
  },
];

/** The field at `path`, or undefined where an object on the way is missing (as the router's `?.` reads it). */
function fieldAt(body: object, path: string[]): unknown {
  let at: unknown = body;
  for (const key of path) {
    if (!isObject(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function routedFieldProblem(body: object, type: string): string | undefined {
  const name = (body as { name?: unknown }).name;
  for (const { path, when } of ROUTED_FIELDS) {
    if (!when(type, name)) continue;
    const field = fieldAt(body, path);
    if (field !== undefined && typeof field !== 'string')
      return `The activity's ${path.join('.')} must be a string.`;
  }
  return undefined;
}

/** conversationUpdate's member lists: the bot reads each member's id. */
const members = z.array(account).optional();
const memberLists = z.object({ membersAdded: members, membersRemoved: members }).passthrough();

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
  const routed = routedFieldProblem(body as object, base.data.type);
  if (routed) return routed;
  if (!ANSWERED.has(base.data.type)) return undefined;
  const checked = conversational.safeParse(body);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return `The activity's ${issue.path.join('.') || 'body'} is missing or malformed (${issue.message}).`;
  }
  const { name, value } = body as { name?: unknown; value?: unknown };
  if (
    base.data.type === 'invoke' &&
    typeof name === 'string' &&
    ROUTED_ON_VALUE.has(name) &&
    !isObject(value)
  )
    return `A ${name} invoke's value must be an object.`;
  const lists = memberLists.safeParse(body);
  if (!lists.success) {
    const issue = lists.error.issues[0];
    return `The activity's ${issue.path.join('.')} must be a list of members with ids (${issue.message}).`;
  }
  return undefined;
}
