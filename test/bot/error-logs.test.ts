import { strict as assert } from 'node:assert';
import { personalMessage, testUser } from '../../scripts/support/teams-activities';
import type { OutboundTokenStandIn } from '../support/outbound-token';
import type { ConnectorCall } from '../support/recording-connector';
import { createLogger } from '../../bot/logger';
import { startSignedBot, type SignedBot } from '../support/signed-bot';
import { LogCapture, type TestBot } from '../support/test-bot';

const chair = testUser('Chris Chair', 'chair@oscb.example');
/** What an owner typed: it reaches the record, never the log. */
const NOTE = 'Audit of strategy meetings with the named family postponed';

const isReply = (call: ConnectorCall) =>
  call.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(call.path);

/**
 * A reply the Bot Connector refuses: the failed call's log lines say what failed (status, code, host),
 * and never carry the request it made, whose headers hold the bot's bearer token and whose body holds
 * the card with the owner's note.
 */
describe('logs of a failed call to the Bot Connector', () => {
  let signedBot: SignedBot;
  let bot: TestBot;
  let outbound: OutboundTokenStandIn;

  before(async () => {
    signedBot = await startSignedBot({ env: { BOARD_ADMINS: chair.email } });
    ({ bot, outbound } = signedBot);
    bot.meet(chair);
  });
  after(async () => signedBot.stop());

  it('hold the status, code and host, and no bearer token or note text, at every level', async () => {
    bot.connector.failNext({ match: isReply, status: 500, times: Infinity });
    const logLines = bot.logs.raw.length;
    const response = await bot.send(personalMessage(bot.serviceUrl, chair, `update 5.1 amber ${NOTE}`), {
      authorization: signedBot.signed(),
    });
    assert.equal(response.status, 200);
    const replies = bot.connector.calls.filter(isReply);
    assert.ok(replies.length >= 1, 'the reply was tried');
    assert.ok(
      replies.every((call) => call.headers.authorization === outbound.authorization),
      'positive control: the failed request carried the bearer token',
    );
    assert.ok(JSON.stringify(replies[0].body).includes(NOTE), 'positive control: and the note');

    const written = bot.logs.raw.slice(logLines).join('\n');
    const failure = bot.logs.lines
      .slice(logLines)
      .find((line) => (line.err as { status?: unknown } | undefined)?.status === 500);
    assert.ok(failure, `a line says the call failed with 500:\n${written}`);
    const host = new URL(bot.serviceUrl).host;
    assert.equal((failure.err as { host?: unknown }).host, host, 'and names the host it called');
    assert.equal(written.includes(outbound.value), false, 'no bearer token in the log');
    assert.equal(written.includes(outbound.value.split('.')[1]), false, 'not even its claims');
    assert.doesNotMatch(written, /Bearer /, 'no Authorization header of any kind');
    assert.equal(written.includes(NOTE), false, 'no note text in the log');
    assert.doesNotMatch(written, /strategy meetings/, 'not even part of it');
  });
});

describe('log redaction', () => {
  const TOKEN = 'Bearer eyJhbGciOi.secret-claims.signature';
  const written = (fields: Record<string, unknown>) => {
    const capture = new LogCapture();
    createLogger('info', capture).error(fields, 'failed');
    return capture.raw.join('\n');
  };

  const nested: [string, Record<string, unknown>][] = [
    ['headers', { headers: { Authorization: TOKEN } }],
    ['a call’s config', { call: { config: { headers: { Authorization: TOKEN, authorization: TOKEN } } } }],
    ['a request two levels down', { outer: { inner: { request: { headers: { authorization: TOKEN } } } } }],
    ['a response’s config', { failure: { response: { config: { headers: { Authorization: TOKEN } } } } }],
    ['a cookie', { call: { headers: { cookie: `session=${TOKEN}` } } }],
  ];
  for (const [where, fields] of nested) {
    it(`removes an Authorization header nested in ${where}`, () => {
      const line = written(fields);
      assert.doesNotMatch(line, /secret-claims/);
      assert.match(line, /\[redacted\]/);
    });
  }

  it('writes an error with a failed call in its cause as named fields only', () => {
    const axiosLike = Object.assign(new Error('Request failed with status code 502'), {
      name: 'AxiosError',
      code: 'ERR_BAD_RESPONSE',
      config: {
        method: 'post',
        url: 'https://smba.trafficmanager.net/emea/v3/x',
        headers: { Authorization: TOKEN },
        data: NOTE,
      },
      response: { status: 502, data: NOTE },
    });
    const line = written({ err: new Error('reply failed', { cause: axiosLike }) });
    assert.doesNotMatch(line, /secret-claims|strategy meetings/);
    const err = (JSON.parse(line) as { err: { cause: Record<string, unknown> } }).err;
    assert.deepEqual(err.cause, {
      type: 'AxiosError',
      message: 'Request failed with status code 502',
      code: 'ERR_BAD_RESPONSE',
      status: 502,
      method: 'POST',
      host: 'smba.trafficmanager.net',
    });
  });
});
