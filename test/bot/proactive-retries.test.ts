import { strict as assert } from 'node:assert';
import { cardText, onlyCard } from '../../scripts/support/card-content';
import {
  BOARD_CHANNEL_ID,
  botInstalledInChannel,
  channelMention,
  testUser,
} from '../../scripts/support/teams-activities';
import { isNewConversation } from '../support/recording-connector';
import { TestBot } from '../support/test-bot';

const chair = testUser('Chris Chair', 'chair@oscb.example');

/** Which answers from Teams a proactive post tries again, and how often (exponential-backoff's count). */
describe('proactive posts retried through exponential-backoff (real server, recording connector)', () => {
  let bot: TestBot;

  beforeEach(async () => {
    bot = await TestBot.start({
      env: { BOARD_ADMINS: chair.email },
      clock: () => new Date('2026-11-23T09:00:00Z'),
      sendBackoffMs: 1,
    });
    bot.meet(chair);
    await bot.send(botInstalledInChannel(bot.serviceUrl, chair));
    await bot.send(channelMention(bot.serviceUrl, chair, 'set board channel'));
    const sent = bot.connector.sentActivities();
    assert.match(cardText(onlyCard(sent[sent.length - 1])), /Board channel set/);
    bot.connector.reset();
  });
  afterEach(async () => bot.stop());

  const posts = () => bot.connector.channelPosts(BOARD_CHANNEL_ID).length;

  for (const status of [412, 429, 502, 504]) {
    it(`a ${status} that does not clear is tried five times in all, then fails the run`, async () => {
      bot.connector.failNext({ match: isNewConversation, status, times: Infinity });
      await assert.rejects(bot.bot.useCases.weeklyDigest.run(), (error: unknown) => {
        // A gateway's 502/504 may come after Teams posted: the attempt is kept on record, unconfirmed.
        const failed = (status >= 500 ? (error as { cause?: unknown }).cause : error) as {
          response?: { status?: number };
        };
        assert.equal((error as Error).name, status >= 500 ? 'UnconfirmedPostError' : 'AxiosError');
        assert.equal(failed.response?.status, status);
        return true;
      });
      assert.equal(posts(), 5);
    });
  }

  it('a 502 once is tried again and posts', async () => {
    bot.connector.failNext({ match: isNewConversation, status: 502, times: 1 });
    assert.equal((await bot.bot.useCases.weeklyDigest.run()).kind, 'posted');
    assert.equal(posts(), 2);
  });

  for (const status of [400, 401, 500]) {
    it(`a ${status} is final: one attempt, no retry`, async () => {
      bot.connector.failNext({ match: isNewConversation, status, times: Infinity });
      await assert.rejects(bot.bot.useCases.weeklyDigest.run());
      assert.equal(posts(), 1);
    });
  }

  it('a 404 is not retried: the bot is out of the channel', async () => {
    bot.connector.failNext({ match: isNewConversation, status: 404, times: Infinity });
    assert.deepEqual(await bot.bot.useCases.weeklyDigest.run(), { kind: 'botRemoved', status: 404 });
    assert.equal(posts(), 1);
  });
});
