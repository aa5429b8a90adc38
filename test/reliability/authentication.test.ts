import { strict as assert } from 'node:assert';
import { ConfigError, loadConfig } from '../../bot/config';
import { freePort } from '../../storage/azurite-process';
import { BOT, channelMention, TENANT_ID, testUser } from '../support/activities';
import { ConsoleCapture } from '../support/console-capture';
import {
  BOT_FRAMEWORK_ISSUER,
  channelClaims,
  FakeOpenIdIssuer,
  newSigningKey,
  signJwt,
  unsignedJwt,
} from '../support/openid-issuer';
import { planRows } from '../support/plan-snapshot';
import { TestBot } from '../support/test-bot';

const BOT_ID = '6f1c7e4a-2b1d-4c3e-9a8b-0d2e4f6a8c10';
const CREDENTIALS = { BOT_ID, BOT_PASSWORD: 'not-a-real-secret', BOT_TENANT_ID: TENANT_ID };
/** Every rejection must be quick: no retries, no waiting on the network. */
const QUICK_MS = 2000;

const chair = testUser('Chris Chair', 'chair@oscb.example');

/** A message that would store an update if it reached a handler: the chair, @mentioning the bot in a channel. */
function forgedUpdate(bot: TestBot): Record<string, unknown> {
  return channelMention(bot.serviceUrl, chair, 'update 5.1 red Forged update that must never be stored');
}

async function expectRejected(bot: TestBot, authorization: string | undefined, activity = forgedUpdate(bot)) {
  const storedRows = () => planRows(bot.bot.storage.tables.planStatus, bot.bot.plan.id);
  const before = await storedRows();
  const logLines = bot.logs.lines.length;
  const started = Date.now();
  const response = await bot.send(activity, authorization === undefined ? {} : { authorization });
  const elapsed = Date.now() - started;
  assert.equal(response.status, 401, `401, got ${response.status}: ${JSON.stringify(response.body)}`);
  assert.ok(elapsed < QUICK_MS, `answered in ${elapsed} ms`);
  assert.deepEqual(bot.connector.calls, [], 'nothing sent to the Bot Connector');
  const handled = bot.logs.lines.slice(logLines).filter((line) => line.msg !== 'turn');
  assert.deepEqual(handled, [], 'no handler ran (nothing logged but the turn line)');
  assert.deepEqual(await storedRows(), before, 'nothing stored');
}

describe('reliability: inbound authentication', () => {
  let sdkErrors: ConsoleCapture;
  before(() => {
    sdkErrors = new ConsoleCapture('error');
  });
  after(() => sdkErrors.restore());

  describe('with BOT_ID set and the public cloud metadata (offline here)', () => {
    let bot: TestBot;
    before(async () => {
      bot = await TestBot.start({ env: { ...CREDENTIALS, BOARD_ADMINS: chair.email } });
      bot.meet(chair);
    });
    after(async () => bot.stop());
    beforeEach(() => bot.connector.reset());

    const stranger = newSigningKey('some-key');
    const cases: [string, (bot: TestBot) => string | undefined][] = [
      ['no Authorization header', () => undefined],
      ['an empty Authorization header', () => ''],
      ['"Bearer" and nothing else', () => 'Bearer '],
      ['a Basic credential', () => 'Basic Y2hhaXI6cGFzc3dvcmQ='],
      ['a token that is not a JWT', () => 'Bearer not-a-token'],
      ['three segments of base64 garbage', () => 'Bearer e30.e30.e30'],
      [
        'a token from an issuer the bot does not trust',
        (bot) =>
          `Bearer ${signJwt(
            { alg: 'RS256', kid: stranger.kid },
            { ...channelClaims(BOT_ID, bot.serviceUrl), iss: 'https://evil.example' },
            stranger.privateKey,
          )}`,
      ],
    ];
    for (const [name, authorization] of cases) {
      it(`rejects ${name} with 401, before any handler, without the network`, async () => {
        await expectRejected(bot, authorization(bot));
      });
    }
  });

  describe('with BOT_OPENID_METADATA_URL pointing at a loopback issuer', () => {
    let issuer: FakeOpenIdIssuer;
    let bot: TestBot;
    const unknownKey = newSigningKey('unknown-key');

    before(async () => {
      issuer = new FakeOpenIdIssuer();
      await issuer.start();
      bot = await TestBot.start({
        env: { ...CREDENTIALS, BOT_OPENID_METADATA_URL: issuer.metadataUrl, BOARD_ADMINS: chair.email },
      });
      bot.meet(chair);
    });
    after(async () => {
      await bot.stop();
      await issuer.stop();
    });
    beforeEach(() => bot.connector.reset());

    const trusted = () => issuer.trustedKey;
    const claims = (bot: TestBot, extra: Record<string, unknown> = {}) => ({
      ...channelClaims(BOT_ID, bot.serviceUrl),
      ...extra,
    });
    const rs256 = (kid: string) => ({ alg: 'RS256', typ: 'JWT', kid });

    const cases: [string, (bot: TestBot) => string][] = [
      [
        'signed by an unknown key under its own key id',
        (bot) => signJwt(rs256(unknownKey.kid), claims(bot), unknownKey.privateKey),
      ],
      [
        "signed by an unknown key under the trusted key's id",
        (bot) => signJwt(rs256(trusted().kid), claims(bot), unknownKey.privateKey),
      ],
      [
        'signed with HS256 using the public key as the secret (algorithm confusion)',
        (bot) =>
          signJwt(
            { alg: 'HS256', typ: 'JWT', kid: trusted().kid },
            claims(bot),
            Buffer.from(trusted().publicKey.export({ type: 'spki', format: 'pem' }) as string),
          ),
      ],
      ['with alg "none" and no signature', (bot) => unsignedJwt(rs256(trusted().kid), claims(bot))],
      [
        'signed by the trusted key, with its claims changed afterwards',
        (bot) => {
          const [header, , signature] = signJwt(
            rs256(trusted().kid),
            claims(bot),
            trusted().privateKey,
          ).split('.');
          const tampered = Buffer.from(JSON.stringify(claims(bot, { aud: 'someone-else' }))).toString(
            'base64url',
          );
          return `${header}.${tampered}.${signature}`;
        },
      ],
      [
        'signed by the trusted key but expired two hours ago',
        (bot) =>
          signJwt(
            rs256(trusted().kid),
            channelClaims(BOT_ID, bot.serviceUrl, Date.now() - 3 * 3600_000),
            trusted().privateKey,
          ),
      ],
      [
        'signed by the trusted key for another bot',
        (bot) =>
          signJwt(
            rs256(trusted().kid),
            claims(bot, { aud: '00000000-1111-2222-3333-444444444444' }),
            trusted().privateKey,
          ),
      ],
      [
        'signed by the trusted key with another issuer',
        (bot) =>
          signJwt(rs256(trusted().kid), claims(bot, { iss: 'https://login.example' }), trusted().privateKey),
      ],
      [
        'signed by the trusted key for another service URL',
        (bot) =>
          signJwt(
            rs256(trusted().kid),
            claims(bot, { serviceurl: 'https://smba.example/' }),
            trusted().privateKey,
          ),
      ],
    ];
    for (const [name, token] of cases) {
      it(`rejects a token ${name} with 401`, async () => {
        await expectRejected(bot, `Bearer ${token(bot)}`);
      });
    }

    it('rejects a trusted token for a channel the key is not endorsed for', async () => {
      const token = signJwt(rs256(trusted().kid), claims(bot), trusted().privateKey);
      await expectRejected(bot, `Bearer ${token}`, { ...forgedUpdate(bot), channelId: 'webchat' });
    });

    it('accepts a token signed by the trusted key for this bot: the 401s above are real (positive control)', async () => {
      const token = signJwt(rs256(trusted().kid), claims(bot), trusted().privateKey);
      assert.equal(claims(bot).iss, BOT_FRAMEWORK_ISSUER);
      // The bot being removed from some group chat: its handler needs no outbound call, which would need
      // a token from login.microsoftonline.com (offline here).
      const removed = {
        ...forgedUpdate(bot),
        type: 'conversationUpdate',
        text: undefined,
        entities: undefined,
        channelData: { tenant: { id: TENANT_ID } },
        conversation: {
          id: '19:some-group-chat@thread.v2',
          conversationType: 'groupChat',
          tenantId: TENANT_ID,
        },
        membersRemoved: [BOT],
      };
      const logLines = bot.logs.lines.length;
      const response = await bot.send(removed, { authorization: `Bearer ${token}` });
      assert.equal(response.status, 200);
      const messages = bot.logs.lines.slice(logLines).map((line) => line.msg);
      assert.ok(
        messages.includes('bot removed from a conversation'),
        `the handler ran: ${messages.join(', ')}`,
      );
      assert.ok(issuer.requests >= 2, 'the metadata and keys came from the loopback issuer');
    });

    it('lets the very message rejected above reach the command handler when the trusted key signed it', async () => {
      const token = signJwt(rs256(trusted().kid), claims(bot), trusted().privateKey);
      const logLines = bot.logs.lines.length;
      const response = await bot.send(forgedUpdate(bot), { authorization: `Bearer ${token}` });
      assert.equal(response.status, 200);
      const commands = bot.logs.lines.slice(logLines).filter((line) => line.msg === 'command');
      assert.deepEqual(
        commands.map((line) => line.command),
        ['updateStatus'],
        'parsed as an update (it then stops at the outbound token, which needs login.microsoftonline.com)',
      );
    });
  });

  it('refuses a BOT_OPENID_METADATA_URL that is not a URL at start-up, naming the variable', () => {
    assert.throws(
      () =>
        loadConfig({
          ...CREDENTIALS,
          LOCAL_STORAGE: 'embedded',
          BOT_OPENID_METADATA_URL: 'login.botframework.com/v1',
        }),
      (error: Error) =>
        error instanceof ConfigError && /BOT_OPENID_METADATA_URL must be the URL/.test(error.message),
    );
    assert.equal(
      loadConfig({ ...CREDENTIALS, LOCAL_STORAGE: 'embedded', BOT_OPENID_METADATA_URL: '' })
        .openIdMetadataUrl,
      undefined,
    );
  });

  describe('when the signing keys cannot be fetched', () => {
    let bot: TestBot;
    before(async () => {
      const closedPort = await freePort();
      bot = await TestBot.start({
        env: {
          ...CREDENTIALS,
          BOT_OPENID_METADATA_URL: `http://127.0.0.1:${closedPort}/v1/.well-known/openidconfiguration`,
          BOARD_ADMINS: chair.email,
        },
      });
      bot.meet(chair);
    });
    after(async () => bot.stop());

    it('rejects a well-formed Bot Framework token with 401 quickly, not 500', async () => {
      const key = newSigningKey('any-key');
      const token = signJwt(
        { alg: 'RS256', kid: key.kid },
        channelClaims(BOT_ID, bot.serviceUrl),
        key.privateKey,
      );
      await expectRejected(bot, `Bearer ${token}`);
    });
  });
});
