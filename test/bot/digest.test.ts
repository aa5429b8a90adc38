import { strict as assert } from 'node:assert';
import { cardText, onlyCard } from '../../scripts/support/card-content';
import {
  BOARD_CHANNEL_ID,
  botInstalledInChannel,
  channelMention,
  botInstalledPersonally,
  personalMessage,
  testUser,
} from '../../scripts/support/teams-activities';
import { isNewConversation } from '../support/recording-connector';
import { TestBot } from '../support/test-bot';

const chair = testUser('Chris Chair', 'chair@oscb.example');
const owner = testUser('Olive Owner', 'olive.owner@agency.example');
const OTHER_TEAM_CHANNEL = '19:other-team-general@thread.tacv2';

/** A team install as Teams sends it, in another team than the board's. */
const installedInOtherTeam = (serviceUrl: string) => {
  const install = botInstalledInChannel(serviceUrl, owner, OTHER_TEAM_CHANNEL);
  return {
    ...install,
    channelData: {
      ...(install.channelData as Record<string, unknown>),
      team: { id: OTHER_TEAM_CHANNEL, name: 'Youth Club Volunteers' },
    },
  };
};

const groupMessage = (serviceUrl: string, text: string) => ({
  ...personalMessage(serviceUrl, chair, text),
  conversation: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true },
});

/** The admin makes the board channel theirs: `@OSCB Plan Bot set board channel` in it. */
async function setBoardChannel(bot: TestBot): Promise<string> {
  const response = await bot.send(channelMention(bot.serviceUrl, chair, 'set board channel'));
  assert.equal(response.status, 200);
  const sent = bot.connector.sentActivities();
  return cardText(onlyCard(sent[sent.length - 1]));
}
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
    assert.match(await setBoardChannel(bot), /Board channel set/);
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

  it('an admin saying "set board channel" in a team channel makes it the board channel', async () => {
    const channel = await bot.bot.stores.boardChannels.get();
    assert.equal(channel?.conversationId, BOARD_CHANNEL_ID);
    assert.equal(channel?.active, true);
    assert.equal(channel?.setBy, chair.email);
  });

  describe('the board channel belongs to the admins', () => {
    let fresh: TestBot;
    beforeEach(async () => {
      fresh = await setUp(() => now);
    });
    afterEach(async () => fresh.stop());

    it('installing the app in a team records the team, sets no board channel, and tells an admin what to say', async () => {
      assert.equal((await fresh.send(botInstalledInChannel(fresh.serviceUrl, chair))).status, 200);
      assert.equal(await fresh.bot.stores.boardChannels.get(), undefined);
      assert.deepEqual(
        (await fresh.bot.stores.teams.all()).map(({ teamId, name, conversationId }) => ({
          teamId,
          name,
          conversationId,
        })),
        [
          {
            teamId: '19:board-team@thread.tacv2',
            name: 'Safeguarding Board',
            conversationId: BOARD_CHANNEL_ID,
          },
        ],
      );
      const welcome = cardText(onlyCard(fresh.connector.sentActivities()[0]));
      assert.match(welcome, /@OSCB Plan Bot set board channel/);
      assert.equal((await fresh.bot.useCases.weeklyDigest.run()).kind, 'noBoardChannel');
    });

    it('"set board channel" from someone who is not an admin is refused and sets nothing', async () => {
      const reply = await fresh.send(channelMention(fresh.serviceUrl, owner, 'set board channel'));
      assert.equal(reply.status, 200);
      assert.match(cardText(onlyCard(fresh.connector.sentActivities()[0])), /Only board admins can do that/);
      assert.equal(await fresh.bot.stores.boardChannels.get(), undefined);
    });

    for (const [where, activity] of [
      ['a personal chat', (bot: TestBot) => personalMessage(bot.serviceUrl, chair, 'set board channel')],
      ['a group chat', (bot: TestBot) => groupMessage(bot.serviceUrl, 'set board channel')],
    ] as const) {
      it(`"set board channel" by an admin in ${where} is politely refused and sets nothing`, async () => {
        assert.equal((await fresh.send(activity(fresh))).status, 200);
        const text = cardText(onlyCard(fresh.connector.sentActivities()[0]));
        assert.match(text, /has to be a team channel/);
        assert.match(text, /set board channel/);
        assert.equal(await fresh.bot.stores.boardChannels.get(), undefined);
      });
    }

    it('a board channel that went inactive stays inactive when another team installs the app, until an admin sets one', async () => {
      await fresh.send(botInstalledInChannel(fresh.serviceUrl, chair));
      assert.match(await setBoardChannel(fresh), /Board channel set/);
      await fresh.bot.stores.boardChannels.markInactive(
        BOARD_CHANNEL_ID,
        'the bot was removed',
        now.toISOString(),
      );

      assert.equal((await fresh.send(installedInOtherTeam(fresh.serviceUrl))).status, 200);
      const channel = await fresh.bot.stores.boardChannels.get();
      assert.equal(channel?.conversationId, BOARD_CHANNEL_ID, 'not moved to the installing team');
      assert.equal(channel?.active, false, 'still inactive');
      assert.equal((await fresh.bot.useCases.weeklyDigest.run()).kind, 'noBoardChannel');
      const toInstallingTeam = fresh.connector.calls.filter(
        (call) =>
          call.method === 'POST' &&
          (call.path.includes(OTHER_TEAM_CHANNEL) || JSON.stringify(call.body).includes(OTHER_TEAM_CHANNEL)),
      );
      assert.equal(toInstallingTeam.length, 1, 'only the welcome went to the installing team');
      assert.match(cardText(onlyCard(toInstallingTeam[0].body)), /What I can do/);

      assert.match(await setBoardChannel(fresh), /Board channel set/);
      assert.equal((await fresh.bot.stores.boardChannels.get())?.active, true);
    });
  });

  it('posts the digest once per ISO week, with counts, what is red and why, and who has not updated', async () => {
    const first = await bot.bot.useCases.weeklyDigest.run();
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
    assert.equal((await bot.bot.useCases.weeklyDigest.run()).kind, 'alreadyPosted');
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
      const results = await Promise.all([
        bot.bot.useCases.weeklyDigest.run(),
        second.bot.useCases.weeklyDigest.run(),
      ]);
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
    assert.equal((await bot.bot.useCases.weeklyDigest.run()).kind, 'posted');
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
    const result = await bot.bot.useCases.weeklyDigest.run();
    assert.equal(
      result.kind,
      'botRemoved',
      JSON.stringify(bot.connector.calls.map((call) => [call.method, call.path])),
    );
    assert.equal((await bot.bot.stores.boardChannels.get())?.active, false);
    assert.equal((await bot.bot.useCases.weeklyDigest.run()).kind, 'noBoardChannel');
  });

  it('uninstalling the app from the team (installationUpdate remove) stops digests there', async () => {
    const second = await setUp(() => now);
    try {
      await second.send(botInstalledInChannel(second.serviceUrl, chair));
      await setBoardChannel(second);
      assert.equal((await second.bot.stores.boardChannels.get())?.active, true);
      const uninstall = {
        ...botInstalledInChannel(second.serviceUrl, chair),
        type: 'installationUpdate',
        action: 'remove',
      };
      delete (uninstall as Record<string, unknown>).membersAdded;
      assert.equal((await second.send(uninstall)).status, 200);
      assert.equal((await second.bot.stores.boardChannels.get())?.active, false);
      assert.equal((await second.bot.useCases.weeklyDigest.run()).kind, 'noBoardChannel');
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
