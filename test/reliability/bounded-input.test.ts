import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { odata } from '@azure/data-tables';
import type { AdaptiveCardJson } from '../../cards';
import { MAX_MESSAGE_LENGTH } from '../../domain/commands';
import { assertValidCard } from '../cards/card-validation';
import { cardText, onlyCard, type Card } from '../../scripts/support/card-content';
import { personalMessage, testUser, type TestUser } from '../../scripts/support/teams-activities';
import { planRows } from '../support/plan-snapshot';
import { TestBot } from '../support/test-bot';

const KB = 1024;
/** Generous: the answers take milliseconds; a quadratic pattern held the bot for 13-66 s. */
const ANSWER_BOUND_MS = 5000;

describe('reliability: bounded input (real server, Azurite, recording connector)', function () {
  this.timeout(60_000);
  let bot: TestBot;
  const chair = testUser('Chris Chair', 'chair@oscb.example');
  const longName = `Pat ${'Verylongname '.repeat(2400)}`.trim();
  const longNamed = testUser(longName, 'pat.long@agency.example');

  before(async () => {
    bot = await TestBot.start({ env: { BOARD_ADMINS: chair.email } });
    bot.meet(chair, longNamed);
  });
  after(async () => bot.stop());
  beforeEach(() => bot.connector.reset());

  const rows = () => planRows(bot.bot.storage.tables.planStatus, bot.bot.plan.id);
  const turnErrors = () => bot.logs.lines.filter((line) => line.msg === 'unhandled turn error');

  async function reply(activity: Record<string, unknown>): Promise<{ card: Card; ms: number }> {
    bot.connector.reset();
    const started = performance.now();
    const response = await bot.send(activity);
    const ms = performance.now() - started;
    assert.equal(response.status, 200);
    const sent = bot.connector.sentActivities().filter((sentActivity) => sentActivity.type === 'message');
    assert.equal(sent.length, 1, 'one reply');
    const card = onlyCard(sent[0]);
    assertValidCard(card as AdaptiveCardJson);
    return { card, ms };
  }

  it('answers a 250 KB "assign @@@…" message "too long" at once, and /healthz stays up', async () => {
    const text = `assign ${'@'.repeat(250 * KB - 7)}`;
    const before = await rows();
    const [{ card, ms }, health] = await Promise.all([
      reply(personalMessage(bot.serviceUrl, chair, text)),
      fetch(`${bot.url}/healthz`),
    ]);
    assert.match(cardText(card), /too long/);
    assert.ok(ms < ANSWER_BOUND_MS, `${Math.round(ms)} ms`);
    assert.equal(health.status, 200);
    assert.deepEqual(await rows(), before);
  });

  it('answers a Teams-sized 28 KB "assign" of 28,000 @ quickly, quoting little of it', async () => {
    const text = `assign ${'@'.repeat(28_000)}`;
    assert.ok(text.length <= MAX_MESSAGE_LENGTH);
    const { card, ms } = await reply(personalMessage(bot.serviceUrl, chair, text));
    assert.ok(ms < ANSWER_BOUND_MS, `${Math.round(ms)} ms`);
    assert.ok(JSON.stringify(card).length < 4 * KB);
  });

  it('answers someone whose 200 KB display name is not in the roster, and stores nothing', async () => {
    const stranger: TestUser = { ...testUser('x', 'nobody@else.example'), name: 'N'.repeat(200 * KB) };
    const before = await rows();
    const update = await reply(personalMessage(bot.serviceUrl, stranger, 'update 5.1 red Not mine'));
    assert.match(cardText(update.card), /I couldn't confirm who you are/);
    const plan = await reply(personalMessage(bot.serviceUrl, stranger, 'show plan'));
    assert.match(cardText(plan.card), /Priority 1/);
    assert.deepEqual(await rows(), before);
    assert.deepEqual(turnErrors(), []);
  });

  it('answers a message whose from.id is 200 KB, without looking it up or storing it', async () => {
    const giant: TestUser = {
      ...testUser('Giant Id', 'giant@else.example'),
      id: `29:${'g'.repeat(200 * KB)}`,
    };
    const before = await rows();
    const activity = personalMessage(bot.serviceUrl, giant, 'update 5.1 red x');
    const { card } = await reply({
      ...activity,
      conversation: { ...(activity.conversation as object), id: 'a:personal-giant' },
    });
    assert.match(cardText(card), /I couldn't confirm who you are/);
    assert.equal(
      bot.connector.calls.filter((call) => call.method === 'GET' && call.path.includes('/members/')).length,
      0,
      'no roster lookup',
    );
    assert.deepEqual(await rows(), before);
    assert.deepEqual(turnErrors(), []);
  });

  it('shortens a 30 KB roster name for cards, statuses and the people table', async () => {
    await reply(personalMessage(bot.serviceUrl, longNamed, 'help'));
    await reply(personalMessage(bot.serviceUrl, chair, `assign 4.4 to ${longNamed.email}`));
    const saved = await reply(personalMessage(bot.serviceUrl, longNamed, 'update 4.4 amber Started'));
    assert.match(cardText(saved.card), /Saved/);
    const status = await bot.bot.stores.statusService.currentStatus('4.4');
    assert.ok((status.ownerName ?? '').length <= 100, `owner name of ${status.ownerName?.length}`);
    assert.ok((status.updatedByName ?? '').length <= 100);
    assert.ok(status.ownerName?.startsWith('Pat Verylongname'));
    const known = await bot.bot.stores.peopleStore.findByEmail(longNamed.email);
    assert.ok(known && known.name.length <= 100);
    for (const text of ['show priority 4', 'show action 4.4', 'history 4.4', 'my actions', 'show plan']) {
      const { card } = await reply(personalMessage(bot.serviceUrl, longNamed, text));
      assert.ok(Buffer.byteLength(JSON.stringify(card)) < 28 * 1000, text);
    }
  });

  it('keeps only what the Bot Framework needs in a stored conversation reference', async () => {
    const person = testUser('Ref Person', 'ref.person@agency.example');
    bot.meet(person);
    const activity = personalMessage(bot.serviceUrl, person, 'help');
    const conversation = activity.conversation as Record<string, unknown>;
    await reply({
      ...activity,
      conversation: { ...conversation, name: 'c'.repeat(100 * KB), extra: 'e'.repeat(20 * KB) },
      channelData: { ...(activity.channelData as object), padding: 'p'.repeat(100 * KB) },
      recipient: { id: '28:bot', name: 'b'.repeat(10 * KB) },
    });
    const rowsOfPeople = bot.bot.storage.tables.people.listEntities<{
      email: string;
      personalConversation?: string;
    }>({
      queryOptions: { filter: odata`PartitionKey eq ${'person'} and email eq ${person.email}` },
    });
    let stored: string | undefined;
    for await (const row of rowsOfPeople) stored = row.personalConversation;
    assert.ok(stored, 'the personal chat is remembered');
    assert.ok(stored.length < 2 * KB, `${stored.length} characters`);
    const reference = JSON.parse(stored) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(reference).sort(), [
      'bot',
      'channelId',
      'conversation',
      'serviceUrl',
      'user',
    ]);
    assert.deepEqual(reference.conversation, {
      id: conversation.id,
      isGroup: false,
      name: '',
      conversationType: 'personal',
      tenantId: conversation.tenantId,
    });
    assert.equal(reference.user.id, person.id);
  });
});
