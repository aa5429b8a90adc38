import { strict as assert } from 'node:assert';
import { cardText, onlyCard } from '../support/card-content';
import {
  BOARD_CHANNEL_ID,
  botInstalledInChannel,
  channelMention,
  botInstalledPersonally,
  personalMessage,
  testUser,
} from '../support/activities';
import { isNewConversation } from '../support/recording-connector';
import { TestBot } from '../support/test-bot';

const chair = testUser('Chris Chair', 'chair@oscb.example');
const owner = testUser('Olive Owner', 'olive.owner@agency.example');
const MONDAY_9AM = new Date('2026-11-23T09:00:00Z');

async function setUp(clock: () => Date, tablePrefix?: string): Promise<TestBot> {
  const bot = await TestBot.start({
    env: { BOARD_ADMINS: chair.email },
    clock,
    tablePrefix,
    sendBackoffMs: 5,
    reminderGapMs: 1,
  });
  bot.meet(chair, owner);
  return bot;
}

const channelPosts = (bot: TestBot) => bot.connector.channelPosts(BOARD_CHANNEL_ID);

describe('the weekly digest (real server, Azurite, recording connector)', () => {
  let now = MONDAY_9AM;
  let bot: TestBot;

  before(async () => {
    bot = await setUp(() => now);
    await bot.send(botInstalledInChannel(bot.serviceUrl, chair));
    await bot.send(botInstalledPersonally(bot.serviceUrl, owner));
    for (const text of [`assign 5.1 to ${owner.email}`, `assign 4.3 to ${owner.email}`]) {
      await bot.send(personalMessage(bot.serviceUrl, chair, text));
    }
    await bot.send(
      personalMessage(bot.serviceUrl, owner, 'update 5.1 red Toolkit audit shows gaps; plan agreed'),
    );
    bot.connector.reset();
  });
  after(async () => bot.stop());

  it('installing in a channel records it as the board channel', async () => {
    const channel = await bot.bot.deps.boardChannels.get();
    assert.equal(channel?.conversationId, BOARD_CHANNEL_ID);
    assert.equal(channel?.active, true);
  });

  it('posts the digest once per ISO week, with counts, what is red and why, and who has not updated', async () => {
    const first = await bot.bot.deps.digest.run();
    assert.equal(first.kind, 'posted');
    const posts = channelPosts(bot);
    assert.equal(posts.length, 1);
    const activity = posts[0].body?.activity as Record<string, unknown>;
    const text = cardText(onlyCard(activity));
    assert.match(text, /Toolkit audit shows gaps; plan agreed/);
    assert.match(text, /5\.1/);
    assert.match(text, /olive\.owner@agency\.example|Olive Owner/);
    assert.match(String(activity.summary), /1 red/);

    now = new Date('2026-11-26T15:00:00Z');
    assert.equal((await bot.bot.deps.digest.run()).kind, 'alreadyPosted');
    assert.equal(channelPosts(bot).length, 1, 'still one post this week');
  });

  it('reminds the owner of stale actions once, in their personal chat, with the update form', async () => {
    const personalPosts = bot.connector.calls.filter(
      (call) => call.method === 'POST' && call.path.startsWith(`/v3/conversations/a:personal-${owner.id}/`),
    );
    assert.equal(personalPosts.length, 1, 'one reminder for 4.3 (never updated)');
    assert.match(cardText(onlyCard(personalPosts[0].body)), /4\.3/);
  });

  it('two instances racing for the same week post once', async () => {
    now = new Date('2026-11-30T09:00:00Z');
    const second = await setUp(() => now, bot.tablePrefix);
    try {
      bot.connector.reset();
      // The second instance's board channel points at the first's connector: both send there.
      const results = await Promise.all([bot.bot.deps.digest.run(), second.bot.deps.digest.run()]);
      assert.deepEqual(results.map((result) => result.kind).sort(), ['alreadyPosted', 'posted']);
      assert.equal(channelPosts(bot).length, 1);
      const reminders = bot.connector.calls.filter((call) =>
        call.path.startsWith(`/v3/conversations/a:personal-${owner.id}/`),
      );
      assert.equal(reminders.length, 0, 'the owner was reminded 7 days ago: not again within STALE_DAYS');
    } finally {
      await second.stop();
    }
  });

  it('retries a throttled send (429 twice) and posts exactly once', async () => {
    now = new Date('2026-12-07T09:00:00Z');
    bot.connector.reset();
    bot.connector.failNext({
      match: isNewConversation,
      status: 429,
      headers: { 'retry-after': '0' },
      times: 2,
    });
    assert.equal((await bot.bot.deps.digest.run()).kind, 'posted');
    const attempts = channelPosts(bot);
    assert.equal(attempts.length, 3, 'two throttled attempts and one that went through');
  });

  it('a 403 from Teams marks the board channel inactive and records nothing as sent', async () => {
    now = new Date('2026-12-14T09:00:00Z');
    bot.connector.reset();
    bot.connector.failNext({
      match: isNewConversation,
      status: 403,
      body: {
        error: {
          code: 'BotNotInConversationRoster',
          message: 'The bot is not part of the conversation roster.',
        },
      },
      times: Infinity,
    });
    const result = await bot.bot.deps.digest.run();
    assert.equal(
      result.kind,
      'botRemoved',
      JSON.stringify(bot.connector.calls.map((call) => [call.method, call.path])),
    );
    assert.equal((await bot.bot.deps.boardChannels.get())?.active, false);
    assert.equal((await bot.bot.deps.digest.run()).kind, 'noBoardChannel');
  });

  it('uninstalling the app from the team (installationUpdate remove) stops digests there', async () => {
    const second = await setUp(() => now);
    try {
      await second.send(botInstalledInChannel(second.serviceUrl, chair));
      assert.equal((await second.bot.deps.boardChannels.get())?.active, true);
      const uninstall = {
        ...botInstalledInChannel(second.serviceUrl, chair),
        type: 'installationUpdate',
        action: 'remove',
      };
      delete (uninstall as Record<string, unknown>).membersAdded;
      assert.equal((await second.send(uninstall)).status, 200);
      assert.equal((await second.bot.deps.boardChannels.get())?.active, false);
      assert.equal((await second.bot.deps.digest.run()).kind, 'noBoardChannel');
    } finally {
      await second.stop();
    }
  });

  it('preview digest in the channel goes to the admin personally, not to the channel', async () => {
    bot.connector.reset();
    await bot.send(personalMessage(bot.serviceUrl, chair, 'help'));
    bot.connector.reset();
    await bot.send(channelMention(bot.serviceUrl, chair, 'preview digest'));
    const personal = bot.connector.calls.filter(
      (call) => call.method === 'POST' && call.path.startsWith(`/v3/conversations/a:personal-${chair.id}/`),
    );
    assert.equal(personal.length, 1);
    assert.match(cardText(onlyCard(personal[0].body)), /Weekly digest/);
    // The reply goes to the thread of the @mention, in the board channel.
    const inChannel = bot.connector.calls.filter(
      (call) => call.method === 'POST' && call.path.includes(`${BOARD_CHANNEL_ID};`),
    );
    assert.equal(inChannel.length, 1);
    assert.match(cardText(onlyCard(inChannel[0].body)), /Preview sent to you/);
  });

  it('preview digest shows an admin the digest without posting it to the channel', async () => {
    bot.connector.reset();
    await bot.send(personalMessage(bot.serviceUrl, chair, 'preview digest'));
    const sent = bot.connector.sentActivities();
    assert.equal(sent.length, 1);
    assert.match(cardText(onlyCard(sent[0])), /5\.1/);
    assert.equal(channelPosts(bot).length, 0);
  });
});
