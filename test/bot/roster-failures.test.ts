import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { cardText, onlyCard, type Card } from '../../scripts/support/card-content';
import {
  channelConversation,
  executeAction,
  personalConversation,
  personalMessage,
  testUser,
  type TestUser,
} from '../../scripts/support/teams-activities';
import { planRows } from '../support/plan-snapshot';
import { rosterLookup, type ConnectorCall, type ScriptedFailure } from '../support/recording-connector';
import { TestBot } from '../support/test-bot';

const OUTBOUND_TIMEOUT_MS = 1500;
const COULD_NOT_CONFIRM =
  /I couldn't confirm who you are in Teams just now; nothing was saved\. Please try again\./;

/** A scripted answer, or none at all. */
type Failure = Omit<ScriptedFailure, 'match' | 'times'> | 'no answer';

const FAILURES: { name: string; failure: Failure }[] = [
  { name: '401', failure: { status: 401 } },
  { name: '429 asking for a minute', failure: { status: 429, headers: { 'retry-after': '60' } } },
  { name: '500', failure: { status: 500 } },
  { name: 'no answer at all', failure: 'no answer' },
];

const READ_ONLY: { text: string; expected: RegExp }[] = [
  { text: 'help', expected: /What I can do|show plan/ },
  { text: 'show plan', expected: /Priority 5/ },
  { text: 'show aim 1', expected: /Aim 1/ },
  { text: 'show priority 5', expected: /5\.1/ },
  { text: 'show action 5.1', expected: /5\.1/ },
  { text: 'history 5.1', expected: /5\.1/ },
];

describe('roster failures are answered (real server, Azurite, recording connector)', function () {
  this.timeout(60_000);
  let bot: TestBot;
  let adminCount = 0;
  const admins = Array.from({ length: 12 }, (_, index) =>
    testUser(`Admin ${index}`, `admin${index}@oscb.example`),
  );
  /** An admin the bot has never identified, so the roster is asked (answers are cached). */
  const freshAdmin = () => admins[adminCount++];

  before(async () => {
    bot = await TestBot.start({
      env: { BOARD_ADMINS: admins.map((admin) => admin.email).join(',') },
      outboundTimeoutMs: OUTBOUND_TIMEOUT_MS,
    });
    bot.meet(...admins);
  });
  after(async () => bot.stop());
  beforeEach(() => bot.connector.reset());

  function failRosterFor(user: TestUser, failure: Failure): void {
    const match = (call: ConnectorCall) => rosterLookup(call) && call.path.endsWith(user.id);
    if (failure === 'no answer') bot.connector.neverAnswer(match);
    else bot.connector.failNext({ match, times: Infinity, ...failure });
  }
  const rows = () => planRows(bot.bot.storage.tables.planStatus, bot.bot.plan.id);

  async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const started = performance.now();
    const result = await work();
    return { result, ms: performance.now() - started };
  }

  function assertNoTyping(): void {
    const typing = bot.connector.sentActivities().filter((activity) => activity.type === 'typing');
    assert.equal(typing.length, 0, 'no typing indicators');
  }

  for (const { name, failure } of FAILURES) {
    it(`answers a typed update when the roster answers ${name}, and saves nothing`, async () => {
      const admin = freshAdmin();
      failRosterFor(admin, failure);
      const before = await rows();
      const { result: response, ms } = await timed(() =>
        bot.send(personalMessage(bot.serviceUrl, admin, 'update 5.1 red Roster is down today')),
      );
      assert.equal(response.status, 200);
      const messages = bot.connector.sentActivities().filter((activity) => activity.type === 'message');
      assert.equal(messages.length, 1, 'exactly one reply');
      assert.match(cardText(onlyCard(messages[0])), COULD_NOT_CONFIRM);
      assert.ok(ms < OUTBOUND_TIMEOUT_MS + 3000, `answered in ${Math.round(ms)} ms`);
      assertNoTyping();
      assert.deepEqual(await rows(), before, 'nothing stored');
    });

    it(`answers a card submit when the roster answers ${name}, and saves nothing`, async () => {
      const admin = freshAdmin();
      failRosterFor(admin, failure);
      const before = await rows();
      const { version } = await bot.bot.stores.statusService.currentStatus('5.1');
      const { result: response, ms } = await timed(() =>
        bot.send(
          executeAction(
            bot.serviceUrl,
            admin,
            'updateStatus',
            { actionId: '5.1', baseVersion: version, rag: 'red', note: 'Roster is down today' },
            channelConversation(),
          ),
        ),
      );
      assert.equal(response.status, 200);
      const body = response.body as { statusCode: number; type: string; value: Card };
      assert.equal(body.statusCode, 200);
      assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
      assert.match(cardText(body.value), COULD_NOT_CONFIRM);
      assert.ok(ms < OUTBOUND_TIMEOUT_MS + 3000, `answered in ${Math.round(ms)} ms`);
      assertNoTyping();
      assert.deepEqual(await rows(), before, 'nothing stored');
    });
  }

  it('still answers read-only commands while the roster does not answer', async () => {
    const admin = freshAdmin();
    failRosterFor(admin, 'no answer');
    for (const { text, expected } of READ_ONLY) {
      bot.connector.calls.length = 0;
      const response = await bot.send(personalMessage(bot.serviceUrl, admin, text));
      assert.equal(response.status, 200);
      const messages = bot.connector.sentActivities().filter((activity) => activity.type === 'message');
      assert.equal(messages.length, 1, `one reply to "${text}"`);
      const shown = cardText(onlyCard(messages[0]));
      assert.doesNotMatch(shown, COULD_NOT_CONFIRM, `"${text}" needs no identity`);
      assert.match(shown, expected, `"${text}"`);
    }
    assertNoTyping();
  });

  it('identifies the person again once the roster answers', async () => {
    const admin = freshAdmin();
    failRosterFor(admin, { status: 500 });
    const refused = await bot.send(personalMessage(bot.serviceUrl, admin, 'update 4.1 green Done'));
    assert.equal(refused.status, 200);
    bot.connector.reset();
    await bot.send(personalMessage(bot.serviceUrl, admin, 'update 4.1 green Done'));
    const [reply] = bot.connector.sentActivities();
    assert.match(cardText(onlyCard(reply)), /Saved: .* → Green/);
    assert.equal((await bot.bot.stores.statusService.currentStatus('4.1')).rag, 'green');
  });

  it('refreshes a card for a viewer the roster cannot describe, without a form', async () => {
    const admin = freshAdmin();
    failRosterFor(admin, { status: 503 });
    const response = await bot.send(
      executeAction(bot.serviceUrl, admin, 'refreshAction', { actionId: '5.1' }, personalConversation(admin)),
    );
    assert.equal(response.status, 200);
    const body = response.body as { value: Card };
    assert.match(cardText(body.value), /5\.1/);
  });
});
