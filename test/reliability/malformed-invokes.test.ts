import { strict as assert } from 'node:assert';
import { cardsOf, cardText } from '../../scripts/support/card-content';
import { botInstalledPersonally, personalMessage, testUser } from '../../scripts/support/teams-activities';
import { startSignedBot, type SignedBot } from '../support/signed-bot';
import { tableRows } from '../support/table-rows';
import { TestBot } from '../support/test-bot';

/**
 * Every invoke name the Teams SDK knows, and the message route, with a value that is missing, null or of
 * the wrong type. The SDK's router reads some invokes' value before any handler runs; whatever a value
 * holds, the answer is a well-formed one (a 400 naming the field, or the bot's polite card or reply),
 * never a 500, and nothing is stored.
 */
const chair = testUser('Chris Chair', 'chair@oscb.example');

/** Values that are not what any invoke carries. `undefined` means the field is left out. */
const WEIRD_VALUES: [string, unknown][] = [
  ['no value', undefined],
  ['a null value', null],
  ['a string value', 'accept'],
  ['a number value', 42],
  ['a boolean value', true],
  ['an array value', [{ action: 'accept' }]],
  ['an empty object', {}],
  ['an object whose fields are null', { action: null, data: null, context: null, uploadInfo: null }],
  ['an object whose fields have the wrong types', { action: 7, data: 'x', actionName: {}, verb: [] }],
];

/** Every invoke name the Teams SDK 2.1 routes (its INVOKE_ALIASES, which it does not export), and an unknown one. */
const INVOKE_NAMES = [
  'config/fetch',
  'config/submit',
  'fileConsent/invoke',
  'actionableMessage/executeAction',
  'composeExtension/queryLink',
  'composeExtension/anonymousQueryLink',
  'composeExtension/query',
  'composeExtension/selectItem',
  'composeExtension/submitAction',
  'composeExtension/fetchTask',
  'composeExtension/querySettingUrl',
  'composeExtension/setting',
  'composeExtension/onCardButtonClicked',
  'task/fetch',
  'task/submit',
  'tab/fetch',
  'tab/submit',
  'message/fetchTask',
  'message/submitAction',
  'handoff/action',
  'suggestedActions/submit',
  'signin/tokenExchange',
  'signin/verifyState',
  'signin/failure',
  'adaptiveCard/action',
  'application/search',
  'htmlwidget/calltool',
  'someVendor/unknownInvoke',
];

const UNKNOWN_BUTTON = /I don't know that button/;

describe('reliability: invokes and messages with a missing, null or wrong-typed value', function () {
  this.timeout(60_000);
  let bot: TestBot;

  before(async () => {
    bot = await TestBot.start({ env: { BOARD_ADMINS: chair.email } });
    bot.meet(chair);
  });
  after(async () => bot.stop());
  beforeEach(() => bot.connector.reset());

  const everything = async () => ({
    plan: await tableRows(bot.bot.storage.tables.planStatus),
    packs: await tableRows(bot.bot.storage.tables.boardPacks),
  });

  const activity = (type: string, name: string | undefined, value: unknown) => {
    const sent: Record<string, unknown> = { ...personalMessage(bot.serviceUrl, chair, ''), type };
    delete sent.text;
    delete sent.textFormat;
    if (name !== undefined) sent.name = name;
    if (value !== undefined) sent.value = value;
    return sent;
  };

  /** Asserts the answer is one of the well-formed ones, and returns which. */
  async function answerTo(sent: Record<string, unknown>): Promise<string> {
    const logLines = bot.logs.lines.length;
    const response = await bot.send(sent);
    const failures = bot.logs.lines
      .slice(logLines)
      .filter((line) => Number(line.level) >= 50 || /unhandled|failed/.test(String(line.msg)));
    assert.deepEqual(
      failures.map((line) => line.msg),
      [],
      'no error logged: a malformed value is not a failure of the bot',
    );
    const body = JSON.stringify(response.body)?.slice(0, 300);
    if (response.status === 400) {
      const { code, message } = response.body as { code?: string; message?: string };
      assert.equal(code, 'BadRequest', body);
      assert.match(String(message), /value/, `the 400 names the value: ${body}`);
      assert.deepEqual(bot.connector.calls, [], 'a refused request sends nothing');
      return '400';
    }
    assert.equal(response.status, 200, `200 or 400, got ${response.status}: ${body}`);
    if (sent.type === 'invoke') {
      const card = (response.body as { value?: Record<string, unknown> } | undefined)?.value;
      const sentCards = bot.connector.sentActivities().flatMap(cardsOf).map(cardText);
      // A card in the invoke's answer (Action.Execute), or a message to the person (file consent).
      const said = card ? cardText(card) : sentCards.join('\n');
      assert.ok(said.length > 0, `the person is told something: ${body}`);
      if (card) assert.match(said, UNKNOWN_BUTTON);
      return card ? '200 card' : '200 message';
    }
    const replies = bot.connector.sentActivities();
    assert.equal(replies.length, 1, 'a message gets one reply');
    return '200 reply';
  }

  for (const name of INVOKE_NAMES) {
    it(`${name}: each malformed value gets a well-formed answer, never a 500, nothing stored`, async () => {
      const before = await everything();
      const outcomes: string[] = [];
      for (const [what, value] of WEIRD_VALUES) {
        bot.connector.reset();
        outcomes.push(
          `${what}: ${await answerTo(activity('invoke', name, value)).catch((error: Error) => {
            throw new Error(`${what}: ${error.message}`);
          })}`,
        );
      }
      assert.deepEqual(await everything(), before, 'nothing stored');
      assert.equal(outcomes.length, WEIRD_VALUES.length);
    });
  }

  it('a message (an Action.Submit) with each malformed value: one polite reply, nothing stored', async () => {
    const before = await everything();
    for (const [what, value] of WEIRD_VALUES) {
      bot.connector.reset();
      await answerTo(activity('message', undefined, value)).catch((error: Error) => {
        throw new Error(`${what}: ${error.message}`);
      });
    }
    assert.deepEqual(await everything(), before, 'nothing stored');
  });

  it('a null fileConsent/invoke value is refused before the SDK with a 400 naming the value (the reported 500)', async () => {
    const response = await bot.send(activity('invoke', 'fileConsent/invoke', null));
    assert.equal(response.status, 400, JSON.stringify(response.body));
    assert.match((response.body as { message: string }).message, /value/);
  });
});

/** `{path}` set to `bad` inside `base` (a copy), making the objects on the way. */
function withField(base: Record<string, unknown>, path: string[], bad: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let at = copy;
  for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  at[path[path.length - 1]] = bad;
  return copy;
}

/**
 * Every field the SDK's router reads to choose a route (it puts them in template strings or uses them as
 * keys) and the member lists the bot reads, each with shapes that are not a string: refused 400 before the
 * SDK with the field named, never a 500, nothing sent, no error logged.
 */
describe('reliability: fields the SDK routes on hold strings, member lists hold members', function () {
  this.timeout(60_000);
  let signedBot: SignedBot;
  before(async () => {
    signedBot = await startSignedBot({ env: { BOARD_ADMINS: chair.email } });
    signedBot.bot.meet(chair);
  });
  after(async () => signedBot.stop());

  const invoke = (name: string) => {
    const sent: Record<string, unknown> = {
      ...personalMessage(signedBot.bot.serviceUrl, chair, ''),
      type: 'invoke',
      name,
      value: {},
    };
    delete sent.text;
    return sent;
  };
  const event = () => ({ ...invoke('agentLifecycle'), type: 'event' });
  const install = () => ({
    ...botInstalledPersonally(signedBot.bot.serviceUrl, chair),
    type: 'installationUpdate',
    action: 'add',
  });
  const conversationUpdate = () => botInstalledPersonally(signedBot.bot.serviceUrl, chair);

  const ROUTED: [string, () => Record<string, unknown>, string[]][] = [
    ['an invoke', () => invoke('adaptiveCard/action'), ['name']],
    ['an event', event, ['name']],
    ['an agentLifecycle event', event, ['valueType']],
    ['an installationUpdate', install, ['action']],
    ['fileConsent/invoke', () => invoke('fileConsent/invoke'), ['value', 'action']],
    ['message/submitAction', () => invoke('message/submitAction'), ['value', 'actionName']],
    [
      'composeExtension/submitAction',
      () => invoke('composeExtension/submitAction'),
      ['value', 'botMessagePreviewAction'],
    ],
    ['task/fetch', () => invoke('task/fetch'), ['value', 'data', 'dialog_id']],
    ['task/submit', () => invoke('task/submit'), ['value', 'data', 'action']],
    ['adaptiveCard/action', () => invoke('adaptiveCard/action'), ['value', 'action', 'data', 'action']],
  ];
  const NOT_STRINGS: unknown[] = [{ toString: 1 }, { toString: 'x' }, {}, [], ['a'], 42, true, null];

  for (const [what, activity, path] of ROUTED) {
    it(`${what} whose ${path.join('.')} is not a string is refused 400 before the SDK, naming it`, async () => {
      for (const bad of NOT_STRINGS) {
        signedBot.bot.connector.reset();
        const logLines = signedBot.bot.logs.lines.length;
        const response = await signedBot.bot.send(withField(activity(), path, bad), {
          authorization: signedBot.signed(),
        });
        const shown = `${JSON.stringify(bad)}: ${JSON.stringify(response.body)}`;
        assert.equal(response.status, 400, shown);
        assert.ok(String((response.body as { message?: string }).message).includes(path.join('.')), shown);
        assert.deepEqual(signedBot.bot.connector.calls, [], 'nothing sent');
        const errors = signedBot.bot.logs.lines.slice(logLines).filter((line) => Number(line.level) >= 50);
        assert.deepEqual(errors, [], 'no error logged');
      }
    });
  }

  const BAD_MEMBERS: unknown[] = ['28:bot', [null], [42], [{}], [{ id: 7 }], [{ id: { toString: 1 } }], {}];
  for (const list of ['membersAdded', 'membersRemoved'])
    it(`a conversationUpdate whose ${list} is not a list of members with ids is refused 400, nothing logged as an error`, async () => {
      for (const bad of BAD_MEMBERS) {
        signedBot.bot.connector.reset();
        const logLines = signedBot.bot.logs.lines.length;
        const response = await signedBot.bot.send(withField(conversationUpdate(), [list], bad), {
          authorization: signedBot.signed(),
        });
        const shown = `${JSON.stringify(bad)}: ${JSON.stringify(response.body)}`;
        assert.equal(response.status, 400, shown);
        assert.match(String((response.body as { message?: string }).message), new RegExp(list), shown);
        assert.deepEqual(signedBot.bot.connector.calls, [], 'nothing sent');
        const errors = signedBot.bot.logs.lines.slice(logLines).filter((line) => Number(line.level) >= 50);
        assert.deepEqual(errors, [], 'no error logged');
      }
    });

  it('the same activities with string fields and real members still get their answers (control)', async () => {
    for (const sent of [conversationUpdate(), install()]) {
      const response = await signedBot.bot.send(sent, { authorization: signedBot.signed() });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    }
  });
});
