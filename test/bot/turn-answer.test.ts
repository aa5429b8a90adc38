import { strict as assert } from 'node:assert';
import { freePort } from '../../storage/azurite-process';
import { personalMessage, testUser } from '../../scripts/support/teams-activities';
import type { ConnectorCall } from '../support/recording-connector';
import { TestBot } from '../support/test-bot';

const chair = testUser('Chris Chair', 'chair@oscb.example');
const isReply = (call: ConnectorCall) =>
  call.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(call.path);

/** Resolves once the bot has logged a line with this message (the work after an answer ends in one). */
async function logged(bot: TestBot, msg: string, from: number): Promise<Record<string, unknown>> {
  for (;;) {
    const line = bot.logs.lines.slice(from).find((candidate) => candidate.msg === msg);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A Bot Connector that answers late or never: the turn's HTTP answer does not wait past the turn's answer
 * deadline (TURN_ANSWER_MS, shortened here), the reply still goes out when the connector answers, and a
 * reply that failed is not followed by a second post to the same connector.
 */
describe('turns answered while the Bot Connector hangs', function () {
  this.timeout(30_000);
  let bot: TestBot;

  before(async () => {
    bot = await TestBot.start({
      env: { BOARD_ADMINS: chair.email },
      outboundTimeoutMs: 1500,
      turnAnswerMs: 300,
    });
    bot.meet(chair);
  });
  after(async () => bot.stop());
  beforeEach(() => bot.connector.reset());

  it('answers a message while its reply is still held by the connector, and the reply is delivered after', async () => {
    const held = bot.connector.hold(isReply);
    const logLines = bot.logs.lines.length;
    const response = await bot.send(personalMessage(bot.serviceUrl, chair, 'show priority 5'));
    assert.equal(response.status, 200);
    const reply = await held.reached;
    assert.equal(bot.connector.sentActivities().length, 1, 'the reply was posted, and is still unanswered');
    const early = await logged(bot, 'turn answered before its work finished; the work goes on', logLines);
    assert.equal(early.what, 'message reply');
    held.release();
    await bot.bot.workAfterAnswer.settled();
    assert.match(JSON.stringify(reply.body), /Priority 5/);
    const errors = bot.logs.lines.slice(logLines).filter((line) => Number(line.level) >= 50);
    assert.deepEqual(errors, [], 'the reply went out once the connector answered');
  });

  it('answers a message when the connector never answers, and posts its reply once, not a second "something went wrong"', async () => {
    bot.connector.neverAnswer(isReply);
    const logLines = bot.logs.lines.length;
    const response = await bot.send(personalMessage(bot.serviceUrl, chair, 'help'));
    assert.equal(response.status, 200);
    const failure = await logged(bot, 'unhandled turn error', logLines);
    assert.equal((failure.err as { type?: string }).type, 'CanceledError', 'the reply hit its deadline');
    await bot.bot.workAfterAnswer.settled();
    assert.equal(bot.connector.calls.filter(isReply).length, 1, 'one post: the reply');
  });

  it('still waits for a reply the connector answers at once (the answer carries the outcome)', async () => {
    const logLines = bot.logs.lines.length;
    const response = await bot.send(personalMessage(bot.serviceUrl, chair, 'help'));
    assert.equal(response.status, 200);
    assert.equal(bot.connector.sentActivities().length, 1, 'sent before the answer');
    assert.equal(
      bot.logs.lines.slice(logLines).some((line) => String(line.msg).startsWith('turn answered before')),
      false,
    );
  });

  it('reads a connector that refuses connections as a failed call: one post tried, not a second', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/`;
    const logLines = bot.logs.lines.length;
    const response = await bot.send({
      ...personalMessage(closed, chair, 'show priority 5'),
      serviceUrl: closed,
    });
    assert.equal(response.status, 200);
    await logged(bot, 'turn', logLines);
    await bot.bot.workAfterAnswer.settled();
    const lines = bot.logs.lines.slice(logLines);
    const messages = lines.map((line) => line.msg);
    const turnErrors = lines.filter((line) => line.msg === 'unhandled turn error');
    assert.deepEqual(
      turnErrors.map((line) => (line.err as { method?: string; code?: string }).method),
      ['POST'],
      'only the reply fails the turn',
    );
    assert.equal(messages.includes('could not answer after a turn error'), false, 'no second post');
  });
});
