import { strict as assert } from 'node:assert';
import { freePort } from '../../storage/azurite-process';
import { cardsOf, cardText } from '../../scripts/support/card-content';
import {
  BOT,
  channelConversation,
  channelMention,
  executeAction,
  personalConversation,
  personalMessage,
  submitAction,
  testUser,
  type TestUser,
} from '../../scripts/support/teams-activities';
import { planRows } from '../support/plan-snapshot';
import { startBoardBot } from '../support/board-bot';
import { chair, owner, stranger } from '../support/people';
import type { TestBot } from '../support/test-bot';

type Activity = Record<string, unknown>;

interface Context {
  serviceUrl: string;
  /** A port nothing listens on. */
  closedPort: number;
  /** 5.1's current version, as a fresh form would carry it. */
  version: number;
}

type Request = { activity: Activity } | { raw: string; contentType?: string } | { method: 'GET' };

const UNKNOWN_BUTTON = /I don't know that button/;
const BUTTONS_ONLY_SHOW = /Buttons only show things/;

interface Expected {
  status: number;
  /** A message the bot sends back (text matched against its card), or 'none'. */
  reply?: RegExp | 'none';
  /** The card in an Action.Execute invoke response. */
  invokeCard?: RegExp;
}

interface HostileCase {
  name: string;
  request: (context: Context) => Request;
  expected: Expected;
}

/** Not in the conversation's roster: a guest, or someone from another tenant. */
const outsider = testUser('Olly Outsider', 'olly@other-tenant.example');
const OTHER_TENANT = '99999999-8888-7777-6666-555555555555';

const KB = 1024;
const NOT_UNDERSTOOD = /Sorry, I didn't understand that/;
const TOO_LONG = /That message is too long for me/;
const CARD_UNREADABLE = /That card could not be read/;
const NOT_OWNER = /Only the owner or a board admin can update this action[\s\S]*olive\.owner@agency\.example/;
const NO_IDENTITY = /I couldn't confirm who you are/;

const message = (context: Context, user: TestUser, text: string, extra: Activity = {}) => ({
  activity: { ...personalMessage(context.serviceUrl, user, text), ...extra },
});
const without = (activity: Activity, key: string): Activity =>
  Object.fromEntries(Object.entries(activity).filter(([name]) => name !== key));
const execute = (
  context: Context,
  user: TestUser,
  verb: string,
  data: unknown,
  conversation = personalConversation(user),
) => ({
  activity: executeAction(context.serviceUrl, user, verb, data, conversation),
});
const form = (context: Context, extra: Record<string, unknown> = {}) => ({
  actionId: '5.1',
  baseVersion: context.version,
  rag: 'red',
  note: 'Hostile form submit',
  // A red from the form always has one since issue 12; without it the form is refused before anything else.
  correctiveAction: 'Hostile corrective action',
  ...extra,
});
const nested = (depth: number, leaf: string) => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
/** JSON nested too deep for JSON.stringify goes in as text: `field` (or the "__DATA__" placeholder) is replaced. */
const withRawJson = (activity: Activity, field: string, json: string) => {
  const text = JSON.stringify(field === '__DATA__' ? activity : { ...activity, [field]: '__DATA__' });
  return { raw: text.replace('"__DATA__"', json) };
};

const cases: HostileCase[] = [
  // --- Not an activity at all: rejected before the adapter.
  { name: 'a body that is not JSON', request: () => ({ raw: '{"type":' }), expected: { status: 400 } },
  { name: 'a JSON array', request: () => ({ raw: '[{"type":"message"}]' }), expected: { status: 400 } },
  { name: 'a JSON string', request: () => ({ raw: '"update 5.1 red x"' }), expected: { status: 400 } },
  { name: 'JSON null', request: () => ({ raw: 'null' }), expected: { status: 400 } },
  { name: 'an empty body', request: () => ({ raw: '' }), expected: { status: 400 } },
  {
    name: 'an activity sent as text/plain',
    request: (context) => ({
      raw: JSON.stringify(message(context, owner, 'show plan').activity),
      contentType: 'text/plain',
    }),
    expected: { status: 415 },
  },
  {
    name: 'an activity sent as an HTML form',
    request: (context) => ({
      raw: new URLSearchParams({
        type: 'message',
        text: 'update 5.1 red x',
        serviceUrl: context.serviceUrl,
      }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    }),
    expected: { status: 415 },
  },
  {
    name: 'a body over 256 KB',
    request: (context) => ({
      raw: JSON.stringify(message(context, owner, `update 5.1 red ${'x'.repeat(300 * KB)}`).activity),
    }),
    expected: { status: 413 },
  },
  {
    name: 'an activity without a type',
    request: (context) => ({
      activity: without(message(context, owner, 'update 5.1 red x').activity, 'type'),
    }),
    expected: { status: 400 },
  },
  {
    name: 'a numeric activity type',
    request: (context) => message(context, owner, 'update 5.1 red x', { type: 7 }),
    expected: { status: 400 },
  },
  {
    name: 'an empty activity type',
    request: (context) => message(context, owner, 'update 5.1 red x', { type: '' }),
    expected: { status: 400 },
  },
  { name: 'GET instead of POST', request: () => ({ method: 'GET' }), expected: { status: 405 } },

  // --- Activities the bot has no route for: acknowledged, ignored.
  {
    name: 'an unknown activity type',
    request: (context) => message(context, owner, 'update 5.1 red x', { type: 'exfiltrate' }),
    expected: { status: 200, reply: 'none' },
  },
  {
    name: 'an event activity',
    request: (context) =>
      message(context, owner, 'update 5.1 red x', { type: 'event', name: 'update', value: form(context) }),
    expected: { status: 200, reply: 'none' },
  },
  {
    name: 'a reaction',
    request: (context) =>
      message(context, owner, '', { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }),
    expected: { status: 200, reply: 'none' },
  },
  {
    name: 'a typing indicator',
    request: (context) => message(context, owner, '', { type: 'typing' }),
    expected: { status: 200, reply: 'none' },
  },
  {
    name: 'an installation update',
    request: (context) => message(context, owner, '', { type: 'installationUpdate', action: 'add' }),
    expected: { status: 200, reply: 'none' },
  },
  {
    name: 'members added as a string',
    request: (context) =>
      message(context, owner, '', { type: 'conversationUpdate', membersAdded: 'everyone' }),
    expected: { status: 400 },
  },
  {
    name: 'the bot "removed" from a conversation it was never in',
    request: (context) =>
      message(context, stranger, '', {
        type: 'conversationUpdate',
        conversation: { id: '19:foreign@thread.v2', conversationType: 'groupChat' },
        membersRemoved: [BOT],
      }),
    expected: { status: 200, reply: 'none' },
  },
  {
    name: 'an invoke with an unknown name',
    request: (context) =>
      message(context, owner, '', { type: 'invoke', name: 'admin/dropTables', value: {} }),
    expected: { status: 200, invokeCard: UNKNOWN_BUTTON },
  },
  {
    name: 'an invoke without a name',
    request: (context) => message(context, owner, '', { type: 'invoke', value: form(context) }),
    expected: { status: 200, invokeCard: UNKNOWN_BUTTON },
  },
  {
    name: 'a card action invoke without a value',
    request: (context) => message(context, owner, '', { type: 'invoke', name: 'adaptiveCard/action' }),
    expected: { status: 200, invokeCard: UNKNOWN_BUTTON },
  },
  {
    name: 'a card action invoke whose value is a string',
    request: (context) =>
      message(context, owner, '', { type: 'invoke', name: 'adaptiveCard/action', value: 'updateStatus' }),
    expected: { status: 200, invokeCard: UNKNOWN_BUTTON },
  },
  {
    name: 'Action.Execute with an unknown verb',
    request: (context) => execute(context, owner, 'deleteHistory', { actionId: '5.1' }),
    expected: { status: 200, invokeCard: UNKNOWN_BUTTON },
  },

  // --- Messages missing what a turn needs: rejected before any handler (400), nothing stored.
  {
    name: 'a message without from',
    request: (context) => ({
      activity: without(message(context, owner, 'update 5.1 red x').activity, 'from'),
    }),
    expected: { status: 400 },
  },
  {
    name: 'a message whose from has no id',
    request: (context) => message(context, owner, 'update 5.1 red x', { from: { name: 'Olive Owner' } }),
    expected: { status: 400 },
  },
  {
    name: 'a message without conversation',
    request: (context) => ({
      activity: without(message(context, owner, 'update 5.1 red x').activity, 'conversation'),
    }),
    expected: { status: 400 },
  },
  {
    name: 'a message whose conversation has no id',
    request: (context) =>
      message(context, owner, 'update 5.1 red x', { conversation: { conversationType: 'personal' } }),
    expected: { status: 400 },
  },
  {
    name: 'a message without recipient',
    request: (context) => ({
      activity: without(message(context, owner, 'update 5.1 red x').activity, 'recipient'),
    }),
    expected: { status: 400 },
  },
  {
    name: 'a message whose text is a number',
    request: (context) => message(context, owner, '', { text: 51 }),
    expected: { status: 400 },
  },
  {
    name: 'a message whose text is an object',
    request: (context) => message(context, owner, '', { text: { command: 'update 5.1 red x' } }),
    expected: { status: 400 },
  },
  {
    name: 'a message whose entities are a string',
    request: (context) => message(context, owner, 'update 5.1 red x', { entities: 'mention' }),
    expected: { status: 400 },
  },
  {
    name: 'a mention entity without "mentioned"',
    request: (context) =>
      message(context, owner, 'update 5.1 red x', { entities: [{ type: 'mention', text: '<at>x</at>' }] }),
    expected: { status: 400 },
  },
  {
    name: 'a serviceUrl that is not a URL',
    request: (context) => message(context, owner, 'show plan', { serviceUrl: 'javascript:alert(1)' }),
    expected: { status: 400 },
  },
  {
    name: 'a message without serviceUrl',
    request: (context) => ({
      activity: without(message(context, owner, 'show plan').activity, 'serviceUrl'),
    }),
    expected: { status: 400 },
  },
  // --- Text: answered plainly, stored never.
  {
    name: 'a 20 KB note',
    request: (context) => message(context, owner, `update 5.1 red ${'x'.repeat(20 * KB)}`),
    expected: { status: 200, reply: /1,000/ },
  },
  {
    name: 'a 200 KB note (longer than Teams allows a message)',
    request: (context) => message(context, owner, `update 5.1 red ${'x'.repeat(200 * KB)}`),
    expected: { status: 200, reply: TOO_LONG },
  },
  {
    name: '20 KB of one word',
    request: (context) => message(context, owner, 'y'.repeat(20 * KB)),
    expected: { status: 200, reply: NOT_UNDERSTOOD },
  },
  {
    name: '200 KB of one word',
    request: (context) => message(context, owner, 'y'.repeat(200 * KB)),
    expected: { status: 200, reply: TOO_LONG },
  },
  {
    name: 'a template expression as the command',
    request: (context) => message(context, owner, '${$root.secret} ${json($root)}'),
    expected: { status: 200, reply: NOT_UNDERSTOOD },
  },
  {
    name: "a template expression in a stranger's update",
    request: (context) => message(context, stranger, 'update 5.1 red ${$root} {{7*7}}'),
    expected: { status: 200, reply: NOT_OWNER },
  },
  {
    name: 'a script tag',
    request: (context) => message(context, owner, '<script>alert(1)</script>'),
    expected: { status: 200, reply: NOT_UNDERSTOOD },
  },
  {
    name: 'a Markdown javascript link',
    request: (context) => message(context, owner, '[show plan](javascript:alert(1))'),
    expected: { status: 200, reply: NOT_UNDERSTOOD },
  },
  {
    name: "control characters around a stranger's update",
    request: (context) => message(context, stranger, '\u0000update 5.1 red \u001b[31mx\u0007'),
    expected: { status: 200, reply: NOT_UNDERSTOOD },
  },
  {
    name: 'a zero-width space inside the action id',
    request: (context) => message(context, owner, 'update 5.1\u200b red hidden'),
    expected: { status: 200, reply: /is not a status/ },
  },
  {
    name: 'right-to-left override in the action id',
    request: (context) => message(context, owner, 'update \u202e1.5 red reversed'),
    expected: { status: 200, reply: /Which action\?/ },
  },
  {
    name: 'an update from someone not in the roster',
    request: (context) => message(context, outsider, 'update 5.1 red x'),
    expected: { status: 200, reply: NO_IDENTITY },
  },
  {
    name: "another tenant's ids on an update",
    request: (context) =>
      message(context, outsider, 'update 5.1 red x', {
        conversation: { id: 'a:other-tenant', conversationType: 'personal', tenantId: OTHER_TENANT },
        channelData: { tenant: { id: OTHER_TENANT } },
      }),
    expected: { status: 200, reply: NO_IDENTITY },
  },
  {
    name: "a stranger using the chair's display name",
    request: (context) =>
      message(context, stranger, 'update 5.1 red x', {
        from: { id: stranger.id, name: chair.name, aadObjectId: chair.aadObjectId },
      }),
    expected: { status: 200, reply: NOT_OWNER },
  },
  {
    name: 'a stranger assigning an action to themselves',
    request: (context) => message(context, stranger, `assign 5.1 to ${stranger.email}`),
    expected: { status: 200, reply: /Only board admins can assign owners/ },
  },
  {
    name: 'a stranger updating from a foreign channel',
    request: (context) => ({
      activity: {
        ...channelMention(
          context.serviceUrl,
          stranger,
          'update 5.1 red x',
          '19:foreign-channel@thread.tacv2',
        ),
        conversation: { ...channelConversation('19:foreign-channel@thread.tacv2'), tenantId: OTHER_TENANT },
      },
    }),
    expected: { status: 200, reply: NOT_OWNER },
  },
  {
    name: 'deeply nested JSON in channelData',
    request: (context) =>
      withRawJson(
        message(context, stranger, 'update 5.1 red x').activity,
        'channelData',
        nested(20_000, '1'),
      ),
    expected: { status: 200, reply: NOT_OWNER },
  },

  // --- Action.Submit (runCommand) payloads.
  {
    name: 'Action.Submit with a numeric command',
    request: (context) => ({
      activity: submitAction(
        context.serviceUrl,
        owner,
        { verb: 'runCommand', command: 51 },
        personalConversation(owner),
      ),
    }),
    expected: { status: 200, reply: /What I can do|help/i },
  },
  {
    name: 'Action.Submit without a verb',
    request: (context) => ({
      activity: submitAction(
        context.serviceUrl,
        owner,
        { rag: 'red', note: 'x', actionId: '5.1' },
        personalConversation(owner),
      ),
    }),
    expected: { status: 200, reply: /What I can do|help/i },
  },
  {
    name: 'Action.Submit with a 200-character command',
    request: (context) => ({
      activity: submitAction(
        context.serviceUrl,
        owner,
        { verb: 'runCommand', command: `update 5.1 red ${'z'.repeat(200)}` },
        personalConversation(owner),
      ),
    }),
    expected: { status: 200, reply: /What I can do|help/i },
  },
  {
    name: "Action.Submit running a stranger's update",
    request: (context) => ({
      activity: submitAction(
        context.serviceUrl,
        stranger,
        { verb: 'runCommand', command: 'update 5.1 red x' },
        personalConversation(stranger),
      ),
    }),
    expected: { status: 200, reply: BUTTONS_ONLY_SHOW },
  },

  // --- Action.Execute updateStatus payloads.
  {
    name: 'updateStatus with null data',
    request: (context) => execute(context, owner, 'updateStatus', null),
    expected: { status: 200, invokeCard: CARD_UNREADABLE },
  },
  {
    name: 'updateStatus with a string version',
    request: (context) =>
      execute(context, owner, 'updateStatus', form(context, { baseVersion: String(context.version) })),
    expected: { status: 200, invokeCard: CARD_UNREADABLE },
  },
  {
    name: 'updateStatus with a negative fractional version',
    request: (context) => execute(context, owner, 'updateStatus', form(context, { baseVersion: -1.5 })),
    expected: { status: 200, invokeCard: CARD_UNREADABLE },
  },
  {
    name: 'updateStatus from a version the record never reached',
    request: (context) => execute(context, owner, 'updateStatus', form(context, { baseVersion: 1e15 })),
    expected: { status: 200, invokeCard: /does not match the action's record, so nothing was saved/ },
  },
  {
    name: 'updateStatus with actionId "__proto__"',
    request: (context) => execute(context, owner, 'updateStatus', form(context, { actionId: '__proto__' })),
    expected: { status: 200, invokeCard: CARD_UNREADABLE },
  },
  {
    name: 'updateStatus with a 6,000-character note',
    request: (context) => execute(context, owner, 'updateStatus', form(context, { note: 'n'.repeat(6000) })),
    expected: { status: 200, invokeCard: CARD_UNREADABLE },
  },
  {
    name: 'updateStatus with a RAG of "purple"',
    request: (context) => execute(context, owner, 'updateStatus', form(context, { rag: 'purple' })),
    expected: { status: 200, invokeCard: CARD_UNREADABLE },
  },
  {
    name: "updateStatus with another action's form inputs",
    request: (context) =>
      execute(context, owner, 'updateStatus', {
        actionId: '5.1',
        baseVersion: context.version,
        'rag-4.1': 'red',
        'note-4.1': 'x',
      }),
    expected: { status: 200, invokeCard: CARD_UNREADABLE },
  },
  {
    name: 'updateStatus with deeply nested data',
    request: (context) =>
      withRawJson(
        execute(context, owner, 'updateStatus', '__DATA__').activity,
        '__DATA__',
        nested(20_000, '"5.1"'),
      ),
    expected: { status: 200, invokeCard: CARD_UNREADABLE },
  },
  {
    name: 'updateStatus from a stranger with prototype-polluting keys',
    request: (context) =>
      execute(
        context,
        stranger,
        'updateStatus',
        JSON.parse(
          `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"admin":true}},"actionId":"5.1","baseVersion":${context.version},"rag":"red","note":"x","correctiveAction":"y","confirmPersonalData":true}`,
        ) as unknown,
      ),
    expected: { status: 200, invokeCard: NOT_OWNER },
  },
  {
    name: 'updateStatus from someone not in the roster',
    request: (context) => execute(context, outsider, 'updateStatus', form(context)),
    expected: { status: 200, invokeCard: NO_IDENTITY },
  },
  {
    name: 'updateStatus by the owner from a stale form',
    request: (context) =>
      execute(context, owner, 'updateStatus', form(context, { baseVersion: 0, confirmPersonalData: true })),
    expected: { status: 200, invokeCard: /submit anyway\?/ },
  },
  {
    name: 'refreshAction for an action not in the plan',
    request: (context) => execute(context, owner, 'refreshAction', { actionId: '99.99' }),
    expected: { status: 200, invokeCard: CARD_UNREADABLE },
  },
];

/**
 * The bot cannot answer this: the connector client retries the reply for about 5 s, then the turn fails.
 */
const unreachableConnectorCases: HostileCase[] = [
  {
    name: 'a serviceUrl nothing answers on',
    request: (context) =>
      message(context, owner, 'show plan', { serviceUrl: `http://127.0.0.1:${context.closedPort}/` }),
    expected: { status: 200, reply: 'none' },
  },
];

describe('reliability: hostile and malformed input', function () {
  this.timeout(20_000);
  let bot: TestBot;
  const context: Context = { serviceUrl: '', closedPort: 0, version: 0 };

  before(async () => {
    // The corpus stores nothing, so one bot serves every case.
    bot = await startBoardBot({ admins: [chair], owners: { '5.1': owner }, others: [stranger] });
    context.serviceUrl = bot.serviceUrl;
    context.closedPort = await freePort();
    const saved = await bot.send(
      personalMessage(bot.serviceUrl, owner, 'update 5.1 amber Baseline before the corpus'),
    );
    assert.equal(saved.status, 200);
    context.version = (await bot.bot.stores.statusService.currentStatus('5.1')).version;
  });
  after(async () => bot.stop());
  beforeEach(() => bot.connector.reset());

  it('has at least 40 cases', () => {
    const count = cases.length + unreachableConnectorCases.length;
    assert.ok(count >= 40, `${count} cases`);
  });

  async function post(request: Request): Promise<{ status: number; body: unknown }> {
    if ('activity' in request) return bot.send(request.activity);
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'method' in request ? request.method : 'POST',
      headers: 'raw' in request ? { 'content-type': request.contentType ?? 'application/json' } : {},
      body: 'raw' in request ? request.raw : undefined,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON; keep the text
    }
    return { status: response.status, body };
  }

  /** Sends one case and checks its answer; returns the turn errors the bot logged for it. */
  async function check({ request, expected }: HostileCase): Promise<string[]> {
    const sentBefore = bot.connector.sentActivities().length;
    const logLines = bot.logs.lines.length;
    const response = await post(request(context));
    assert.equal(
      response.status,
      expected.status,
      `status; body: ${JSON.stringify(response.body)?.slice(0, 300)}`,
    );
    const sent = bot.connector.sentActivities().slice(sentBefore);
    if (expected.reply === 'none') {
      assert.deepEqual(sent, [], 'no reply');
    } else if (expected.reply) {
      assert.equal(sent.length, 1, 'one reply');
      assert.match(cardsOf(sent[0]).map(cardText).join('\n'), expected.reply);
    }
    if (expected.invokeCard) {
      const card = (response.body as { value?: Record<string, unknown> } | undefined)?.value;
      assert.ok(card, `an invoke response card: ${JSON.stringify(response.body)?.slice(0, 300)}`);
      assert.match(cardText(card), expected.invokeCard);
    }
    assert.equal(bot.connector.updatedActivities().length, 0, 'no card replaced');
    return bot.logs.lines
      .slice(logLines)
      .filter((line) => line.msg === 'unhandled turn error')
      .map((line) => (line.err as { message?: string } | undefined)?.message ?? '?');
  }

  const rows = () => planRows(bot.bot.storage.tables.planStatus, bot.bot.plan.id);
  const outcome = (expected: Expected) =>
    `${expected.status}${expected.reply === 'none' ? ', no reply' : ''}`;

  for (const hostile of cases) {
    it(`${hostile.name}: ${outcome(hostile.expected)}, nothing stored`, async function () {
      const before = await rows();
      const turnErrors = await check(hostile);
      assert.deepEqual(await rows(), before, 'nothing stored');
      if (turnErrors.length > 0) this.test!.title += ` [turn error: ${turnErrors.join('; ').slice(0, 80)}]`;
    });
  }

  it(`${unreachableConnectorCases.map((hostile) => hostile.name).join('; ')}: 200, no reply, nothing stored`, async function () {
    const before = await rows();
    const started = Date.now();
    const turnErrors = await Promise.all(unreachableConnectorCases.map(check));
    assert.deepEqual(await rows(), before, 'nothing stored');
    this.test!.title += ` [${Date.now() - started} ms; turn errors: ${[...new Set(turnErrors.flat())].join('; ').slice(0, 120)}]`;
  });
});
