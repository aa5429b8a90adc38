import { strict as assert } from 'node:assert';
import { cardText, onlyCard } from '../../scripts/support/card-content';
import {
  BOARD_CHANNEL_ID,
  botInstalledPersonally,
  channelMention,
  personalMessage,
  testUser,
} from '../../scripts/support/teams-activities';
import { isNewConversation, type ConnectorCall } from '../support/recording-connector';
import { TestBot } from '../support/test-bot';

const chair = testUser('Chris Chair', 'chair@oscb.example');
const owner = testUser('Olive Owner', 'olive.owner@agency.example');

const postedActivity = (call: ConnectorCall) => call.body?.activity as Record<string, unknown>;
const personalPostsTo = (bot: TestBot, user: { id: string }) =>
  bot.connector.calls.filter(
    (call) => call.method === 'POST' && call.path.startsWith(`/v3/conversations/a:personal-${user.id}/`),
  );

/** A bot whose chair and an owner have personal chats with it; no board channel unless the test sets one. */
async function startBot(clock: () => Date, env: Record<string, string> = {}): Promise<TestBot> {
  const bot = await TestBot.start({
    env: { BOARD_ADMINS: chair.email, ...env },
    clock,
    sendBackoffMs: 5,
    reminderGapMs: 1,
  });
  bot.meet(chair, owner);
  await bot.send(botInstalledPersonally(bot.serviceUrl, owner));
  await bot.send(personalMessage(bot.serviceUrl, chair, 'help'));
  await bot.send(personalMessage(bot.serviceUrl, owner, 'help'));
  return bot;
}

/** The chair sets the board channel, as an admin does, in the channel itself. */
async function setBoardChannel(bot: TestBot): Promise<void> {
  await bot.send(channelMention(bot.serviceUrl, chair, 'set board channel'));
  assert.equal((await bot.bot.stores.boardChannels.get())?.conversationId, BOARD_CHANNEL_ID);
}

describe('posting the digest (real server, Azurite, recording connector)', () => {
  let now = new Date('2026-11-23T09:00:00Z');
  let bot: TestBot;

  before(async () => {
    bot = await startBot(() => now, { TEAMS_SEND_TIMEOUT_SECONDS: '1' });
    await setBoardChannel(bot);
    await bot.send(personalMessage(bot.serviceUrl, chair, 'update 6.1 red Training budget cut'));
  });
  after(async () => bot.stop());
  beforeEach(() => bot.connector.reset());

  it('each digest is a new post in the board channel (a new conversation there), never a reply to an older message', async () => {
    const result = await bot.bot.useCases.weeklyDigest.run();
    assert.equal(result.kind, 'posted');
    const posts = bot.connector.channelPosts(BOARD_CHANNEL_ID);
    assert.equal(posts.length, 1);
    assert.equal(posts[0].body?.isGroup, true);
    assert.match(cardText(onlyCard(postedActivity(posts[0]))), /Training budget cut/);
    const intoOldThreads = bot.connector.calls.filter(
      (call) => call.method === 'POST' && call.path.startsWith(`/v3/conversations/${BOARD_CHANNEL_ID}`),
    );
    assert.deepEqual(intoOldThreads, [], 'nothing posted into an existing thread of the channel');

    // Its Teams ids are kept, so the card can be updated in place later.
    const posted = await bot.bot.stores.postedDigests.list();
    assert.equal(posted.length, 1);
    assert.equal(posted[0].channelId, BOARD_CHANNEL_ID);
    assert.equal(posted[0].extra, false);
    assert.match(posted[0].conversationId ?? '', new RegExp(`^${BOARD_CHANNEL_ID};messageid=\\d+$`));
    assert.equal(posted[0].conversationId, `${BOARD_CHANNEL_ID};messageid=${posted[0].activityId}`);
    assert.ok(result.kind === 'posted' && result.activityId === posted[0].activityId);
  });

  it('a connector that accepts the post and never answers: the run fails within the send timeout and gives the week back', async () => {
    now = new Date('2026-11-30T09:00:00Z');
    bot.connector.neverAnswer(isNewConversation, 1);
    await assert.rejects(
      bot.bot.useCases.weeklyDigest.run(),
      /Teams did not answer a new channel post within 1 s/,
    );
    assert.equal(bot.connector.channelPosts(BOARD_CHANNEL_ID).length, 1);

    // The week was given back: the next run claims it at once and posts.
    const retry = await bot.bot.useCases.weeklyDigest.run({ waitMs: 0 });
    assert.equal(retry.kind, 'posted');
    assert.equal(bot.connector.channelPosts(BOARD_CHANNEL_ID).length, 2);
  });

  it('a reminder that is never answered does not hold up the rest: the digest stays posted', async () => {
    now = new Date('2026-12-28T09:00:00Z');
    await bot.send(personalMessage(bot.serviceUrl, chair, `assign 4.3 to ${owner.email}`));
    bot.connector.reset();
    bot.connector.neverAnswer((call) => call.path.startsWith(`/v3/conversations/a:personal-${owner.id}/`));
    const result = await bot.bot.useCases.weeklyDigest.run();
    assert.equal(result.kind, 'posted');
    assert.ok(result.kind === 'posted' && result.reminders === 0);
    assert.equal(personalPostsTo(bot, owner).length, 1, 'one reminder tried, not retried after a timeout');
  });

  it('an extra digest (post digest) is a new post too, listed as extra', async () => {
    await bot.send(personalMessage(bot.serviceUrl, chair, 'post digest'));
    assert.equal(bot.connector.channelPosts(BOARD_CHANNEL_ID).length, 1);
    const extras = (await bot.bot.stores.postedDigests.list()).filter((posted) => posted.extra);
    assert.equal(extras.length, 1);
    assert.ok(extras[0].activityId);
  });
});

describe('the digest with no board channel', () => {
  let now = new Date('2026-11-23T09:00:00Z');
  let bot: TestBot;

  before(async () => {
    bot = await startBot(() => now);
  });
  after(async () => bot.stop());
  beforeEach(() => bot.connector.reset());

  it('posts nowhere and tells the admins in their personal chats how to set one, once a week', async () => {
    const result = await bot.bot.useCases.weeklyDigest.run();
    assert.deepEqual(result, {
      kind: 'noBoardChannel',
      reason: 'no board channel has been set',
      adminsTold: 1,
    });
    const toChair = personalPostsTo(bot, chair);
    assert.equal(toChair.length, 1);
    assert.equal(toChair[0].path, `/v3/conversations/a:personal-${chair.id}/activities`);
    const text = cardText(onlyCard(toChair[0].body));
    assert.match(text, /No board channel/);
    assert.match(text, /set board channel/);
    assert.deepEqual(
      bot.connector.calls.filter((call) => call !== toChair[0]).map((call) => `${call.method} ${call.path}`),
      [],
      'nothing else: no channel post, nothing to the owner, who is not an admin',
    );

    // Restarts and reruns the same week do not repeat it.
    assert.equal((await bot.bot.useCases.weeklyDigest.run()).kind, 'noBoardChannel');
    assert.equal(personalPostsTo(bot, chair).length, 1);
  });

  it('a board channel that Teams says the bot left (403) stops digests there and the admins hear of it', async () => {
    now = new Date('2026-11-30T09:00:00Z');
    await setBoardChannel(bot);
    bot.connector.reset();
    bot.connector.failNext({ match: isNewConversation, status: 403, times: Infinity });
    assert.equal((await bot.bot.useCases.weeklyDigest.run()).kind, 'botRemoved');
    bot.connector.reset();
    const result = await bot.bot.useCases.weeklyDigest.run();
    assert.equal(result.kind, 'noBoardChannel');
    assert.ok(result.kind === 'noBoardChannel' && result.adminsTold === 1);
    assert.match(result.kind === 'noBoardChannel' ? result.reason : '', /no longer in the board channel/);
    assert.equal(bot.connector.channelPosts(BOARD_CHANNEL_ID).length, 0);
    assert.match(cardText(onlyCard(personalPostsTo(bot, chair)[0].body)), /set board channel/);
  });
});
