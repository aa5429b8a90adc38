import { strict as assert } from 'node:assert';
import { CountingProxy } from '../../scripts/bench/counting-proxy';
import { cardText, onlyCard } from '../../scripts/support/card-content';
import {
  botInstalledInChannel,
  channelMention,
  personalMessage,
  testUser,
} from '../../scripts/support/teams-activities';
import { azuriteConnectionString } from '../../storage/azurite-process';
import { BASELINE_KEY, WEEKLY_KEY } from '../../storage/board-state';
import { sharedAzurite } from '../support/azurite';
import { TestBot } from '../support/test-bot';

const chair = testUser('Chris Chair', 'chair@oscb.example');
const member = testUser('Mo Member', 'mo.member@partner.example');

/**
 * Each show command reads storage once: the current statuses and the last digest's snapshot come back
 * in one range query (the snapshot is a row beside them), and the board channel is not read. Counted at
 * the HTTP level, between the real bot and Azurite.
 */
describe('show commands make one Table Storage request (real server, counting proxy)', function () {
  this.timeout(120_000);
  let now = new Date('2026-11-02T09:00:00Z');
  let proxy: CountingProxy;
  let bot: TestBot;

  async function say(user: typeof chair, text: string): Promise<string> {
    bot.connector.reset();
    assert.equal((await bot.send(personalMessage(bot.serviceUrl, user, text))).status, 200);
    const sent = bot.connector.sentActivities();
    return cardText(onlyCard(sent[sent.length - 1]));
  }

  before(async () => {
    const azurite = await sharedAzurite();
    proxy = new CountingProxy('127.0.0.1', azurite.port);
    await proxy.start();
    bot = await TestBot.start({
      env: { BOARD_ADMINS: chair.email },
      connectionString: azuriteConnectionString('127.0.0.1', proxy.port),
      clock: () => now,
    });
    bot.meet(chair, member);
    await bot.send(botInstalledInChannel(bot.serviceUrl, chair));
    await bot.send(channelMention(bot.serviceUrl, chair, 'set board channel'));
    await say(chair, 'update 5.1 green On track');
    await say(chair, 'lead 5.1 Thames Valley Police');
    now = new Date('2026-11-02T10:00:00Z');
    assert.equal((await bot.bot.useCases.weeklyDigest.run({ force: true })).kind, 'posted');
    now = new Date('2026-11-09T09:00:00Z');
    await say(chair, 'update 5.1 red Provider withdrew');
    // The first message from a person records who they are (a write, once); the shows come after it.
    await say(member, 'help');
  });
  after(async () => {
    await bot?.stop();
    await proxy?.stop();
  });

  const SHOWS: { command: string; shows: RegExp }[] = [
    { command: 'show plan', shows: /↓ 1 worsening/ },
    { command: 'show aim 2', shows: /Aim 2/ },
    { command: 'show priority 5', shows: /↓ worsening \(was Green\)/ },
    { command: 'show action 5.1', shows: /↓ worsening \(was Green\)/ },
    { command: 'show agency thames valley police', shows: /↓ worsening \(was Green\)/ },
  ];
  for (const { command, shows } of SHOWS) {
    it(`${command}: one request, and the card still compares with the last digest`, async () => {
      proxy.reset();
      const text = await say(member, command);
      const { count, requests } = proxy.reset();
      assert.match(text, shows);
      assert.equal(count, 1, `requests:\n${requests.join('\n')}`);
      assert.match(requests[0], /^GET /);
    });
  }

  it('a store from before the baseline row: the last digest posted becomes it when the bot starts', async () => {
    await bot.bot.storage.tables.planStatus.deleteEntity(bot.bot.plan.id, BASELINE_KEY);
    assert.doesNotMatch(await say(member, 'show priority 5'), /worsening/, 'the row is really gone');
    const restarted = await TestBot.start({
      env: { BOARD_ADMINS: chair.email },
      connectionString: azuriteConnectionString('127.0.0.1', proxy.port),
      tablePrefix: bot.tablePrefix,
      clock: () => now,
    });
    try {
      restarted.meet(member);
      await restarted.send(personalMessage(restarted.serviceUrl, member, 'help'));
      restarted.connector.reset();
      proxy.reset();
      await restarted.send(personalMessage(restarted.serviceUrl, member, 'show priority 5'));
      assert.equal(proxy.reset().count, 1);
      const sent = restarted.connector.sentActivities();
      assert.match(cardText(onlyCard(sent[sent.length - 1])), /↓ worsening \(was Green\)/);
    } finally {
      await restarted.stop();
    }
  });

  it('a show before any digest is posted is one request too, with no direction', async () => {
    const fresh = await TestBot.start({
      connectionString: azuriteConnectionString('127.0.0.1', proxy.port),
      clock: () => now,
    });
    try {
      fresh.meet(member);
      await fresh.send(personalMessage(fresh.serviceUrl, member, 'help'));
      proxy.reset();
      fresh.connector.reset();
      await fresh.send(personalMessage(fresh.serviceUrl, member, 'show priority 5'));
      const { count, requests } = proxy.reset();
      const sent = fresh.connector.sentActivities();
      assert.doesNotMatch(cardText(onlyCard(sent[sent.length - 1])), /worsening|improving/);
      assert.equal(count, 1, `requests:\n${requests.join('\n')}`);
    } finally {
      await fresh.stop();
    }
  });
});

/**
 * The exception report reads once too: "amber for 3 digests" counts weekly digests from a record kept beside
 * the current statuses, moved on by each weekly digest, not from every digest ever posted.
 */
describe('the exception report makes one Table Storage request (real server, counting proxy)', function () {
  this.timeout(120_000);
  let now = new Date('2026-11-02T09:00:00Z');
  let proxy: CountingProxy;
  let bot: TestBot;
  const start = (tablePrefix?: string) =>
    TestBot.start({
      env: { BOARD_ADMINS: chair.email },
      connectionString: azuriteConnectionString('127.0.0.1', proxy.port),
      clock: () => now,
      ...(tablePrefix ? { tablePrefix } : {}),
    });

  async function say(on: TestBot, user: typeof chair, text: string): Promise<string> {
    on.connector.reset();
    assert.equal((await on.send(personalMessage(on.serviceUrl, user, text))).status, 200);
    const sent = on.connector.sentActivities();
    return cardText(onlyCard(sent[sent.length - 1]));
  }

  async function exceptionsCountingRequests(on: TestBot): Promise<string> {
    proxy.reset();
    const text = await say(on, member, 'exceptions');
    const { count, requests } = proxy.reset();
    assert.equal(count, 1, `requests:\n${requests.join('\n')}`);
    return text;
  }

  before(async () => {
    proxy = new CountingProxy('127.0.0.1', (await sharedAzurite()).port);
    await proxy.start();
    bot = await start();
    bot.meet(chair, member);
    await bot.send(botInstalledInChannel(bot.serviceUrl, chair));
    await bot.send(channelMention(bot.serviceUrl, chair, 'set board channel'));
    for (const week of ['2026-11-02', '2026-11-09', '2026-11-16']) {
      now = new Date(`${week}T09:00:00Z`);
      await say(bot, chair, `update 4.3 amber Week of ${week}: waiting on the audit`);
      await say(bot, chair, `update 6.2 green Week of ${week}: on track`);
      now = new Date(`${week}T10:00:00Z`);
      assert.equal((await bot.bot.useCases.weeklyDigest.run()).kind, 'posted');
    }
    // An extra digest (post digest) with 4.3 still amber: not a fourth week.
    now = new Date('2026-11-16T11:00:00Z');
    assert.equal((await bot.bot.useCases.weeklyDigest.run({ force: true })).kind, 'posted');
    now = new Date('2026-11-17T09:00:00Z');
    await say(bot, chair, 'update 6.2 red Training provider withdrew');
    await say(bot, member, 'help');
  });
  after(async () => {
    await bot?.stop();
    await proxy?.stop();
  });

  it('exceptions: one request, amber for 3 weekly digests and direction since the last weekly digest', async () => {
    const text = await exceptionsCountingRequests(bot);
    assert.match(text, /Amber with no change for 3 digests/);
    assert.match(text, /↓ worsening \(was Green\)/);
    assert.doesNotMatch(text, /for 4 digests/, 'the extra digest is not counted');
  });

  it('a store from before the weekly record: built from the digests posted when the bot starts', async () => {
    await bot.bot.storage.tables.planStatus.deleteEntity(bot.bot.plan.id, WEEKLY_KEY);
    assert.doesNotMatch(
      await say(bot, member, 'exceptions'),
      /Amber with no change/,
      'the row is really gone',
    );
    const restarted = await start(bot.tablePrefix);
    try {
      restarted.meet(member);
      await say(restarted, member, 'help');
      assert.match(await exceptionsCountingRequests(restarted), /Amber with no change for 3 digests/);
    } finally {
      await restarted.stop();
    }
  });
});
