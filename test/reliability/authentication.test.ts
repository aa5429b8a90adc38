import { strict as assert } from 'node:assert';
import { ConfigError, loadConfig } from '../../bot/config';
import { freePort } from '../../storage/azurite-process';
import {
  BOT,
  botInstalledInChannel,
  channelMention,
  executeAction,
  personalConversation,
  personalMessage,
  TENANT_ID,
  testUser,
} from '../../scripts/support/teams-activities';
import { cardText, onlyCard } from '../../scripts/support/card-content';
import {
  BOT_FRAMEWORK_ISSUER,
  channelClaims,
  FakeOpenIdIssuer,
  newSigningKey,
  signJwt,
  unsignedJwt,
} from '../support/openid-issuer';
import { OutboundTokenStandIn } from '../support/outbound-token';
import { planRows } from '../support/plan-snapshot';
import { tableRows } from '../support/table-rows';
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
  // The SDK's validator says why it refused (its lines carry `sdk`), and the server logs the refusal.
  const handled = bot.logs.lines
    .slice(logLines)
    .filter(
      (line) =>
        line.msg !== 'turn' && line.sdk === undefined && !String(line.msg).startsWith('request refused'),
    );
  assert.deepEqual(handled, [], 'no handler ran (nothing logged but the turn line and the refusal)');
  assert.deepEqual(await storedRows(), before, 'nothing stored');
}

describe('reliability: inbound authentication', () => {
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

    it('refuses a form-encoded body with 415, even with a token: the bot takes only JSON in every mode', async () => {
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer e30.e30.e30' },
        body: new URLSearchParams({ type: 'message', text: 'update 5.1 red x' }).toString(),
      });
      assert.equal(response.status, 415);
      assert.deepEqual(bot.connector.calls, []);
    });
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

    const noKid = { alg: 'RS256', typ: 'JWT' };
    const keyless: [string, (bot: TestBot) => string][] = [
      [
        'signed by the trusted key but naming no key id',
        (bot) => signJwt(noKid, claims(bot), trusted().privateKey),
      ],
      [
        'signed by the trusted key without an expiry',
        (bot) => signJwt(rs256(trusted().kid), claims(bot, { exp: undefined }), trusted().privateKey),
      ],
      ['unsigned, naming no key id', (bot) => unsignedJwt({ typ: 'JWT' }, claims(bot))],
    ];
    for (const [name, token] of keyless) {
      it(`rejects a token ${name} with 401`, async () => {
        await expectRejected(bot, `Bearer ${token(bot)}`);
      });
    }

    it('rejects tokens with made-up key ids without fetching the keys for each: at most one fetch for many', async () => {
      const before = issuer.keyRequests;
      const issuers = [
        BOT_FRAMEWORK_ISSUER,
        'https://evil.example/',
        'https://api.botframework.com.evil.example',
      ];
      for (let i = 0; i < 12; i++) {
        const kid = `made-up-${i}-${Math.random()}`;
        const made = claims(bot, { iss: issuers[i % issuers.length] });
        const token =
          i % 2 ? unsignedJwt({ typ: 'JWT', kid }, made) : signJwt(rs256(kid), made, unknownKey.privateKey);
        await expectRejected(bot, `Bearer ${token}`);
      }
      assert.ok(
        issuer.keyRequests - before <= 1,
        `${issuer.keyRequests - before} key fetches for 12 refused tokens`,
      );
      const response = await bot.send(forgedUpdate(bot), {
        authorization: `Bearer ${signJwt(rs256(trusted().kid), claims(bot), trusted().privateKey)}`,
      });
      assert.equal(response.status, 200, 'a real token is still accepted');
    });

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

  describe("with BOT_TENANT_ID set: only the board's tenant, checked after a valid signature", () => {
    const OTHER_TENANT = '99999999-8888-7777-6666-555555555555';
    /** A partner agency's member, a guest in the board's tenant: Teams gives the board's tenant id. */
    const guest = testUser('Jane Smith (Police)', 'jane.smith@police.example');
    const guestUpn = 'jane.smith_police.example#EXT#@oscbboard.onmicrosoft.com';
    let issuer: FakeOpenIdIssuer;
    let outbound: OutboundTokenStandIn;
    let bot: TestBot;

    before(async () => {
      issuer = new FakeOpenIdIssuer();
      await issuer.start();
      outbound = new OutboundTokenStandIn(BOT_ID, TENANT_ID);
      bot = await TestBot.start({
        env: { ...CREDENTIALS, BOT_OPENID_METADATA_URL: issuer.metadataUrl, BOARD_ADMINS: chair.email },
        outboundTokens: outbound,
      });
      bot.meet(chair);
      bot.connector.addMember({ ...guest, userPrincipalName: guestUpn });
    });
    after(async () => {
      await bot.stop();
      await issuer.stop();
    });
    beforeEach(() => bot.connector.reset());

    const signed = () =>
      `Bearer ${signJwt(
        { alg: 'RS256', typ: 'JWT', kid: issuer.trustedKey.kid },
        channelClaims(BOT_ID, bot.serviceUrl),
        issuer.trustedKey.privateKey,
      )}`;
    /** Everything the bot keeps: statuses and history, people, conversations (board channel, teams). */
    const everything = async () => ({
      plan: await tableRows(bot.bot.storage.tables.planStatus),
      people: await tableRows(bot.bot.storage.tables.people),
      conversations: await tableRows(bot.bot.storage.tables.conversations),
    });
    const withTenants = (
      activity: Record<string, unknown>,
      channelDataTenant: unknown,
      conversationTenant: unknown,
    ) => {
      const channelData = { ...(activity.channelData as Record<string, unknown>) };
      const conversation = { ...(activity.conversation as Record<string, unknown>) };
      if (channelDataTenant === undefined) delete channelData.tenant;
      else channelData.tenant = { id: channelDataTenant };
      if (conversationTenant === undefined) delete conversation.tenantId;
      else conversation.tenantId = conversationTenant;
      return { ...activity, channelData, conversation };
    };

    it('answers the chair in the board tenant and stores the update (positive control: the connector is reached)', async () => {
      const response = await bot.send(
        channelMention(bot.serviceUrl, chair, 'update 5.1 amber Tenant check control'),
        {
          authorization: signed(),
        },
      );
      assert.equal(response.status, 200);
      assert.equal((await bot.bot.stores.statusService.currentStatus('5.1')).rag, 'amber');
      const replies = bot.connector.sentActivities();
      assert.equal(replies.length, 1);
      assert.match(cardText(onlyCard(replies[0])), /Amber/);
      assert.ok(
        bot.connector.calls.every((call) => call.headers.authorization === outbound.authorization),
        'every outbound call carried the bot token',
      );
    });

    it("keeps a partner agency's guest (board tenant id, #EXT# UPN) working", async () => {
      const response = await bot.send(personalMessage(bot.serviceUrl, guest, 'show priority 5'), {
        authorization: signed(),
      });
      assert.equal(response.status, 200);
      const replies = bot.connector.sentActivities();
      assert.equal(replies.length, 1);
      assert.match(cardText(onlyCard(replies[0])), /Priority 5/);
    });

    it('accepts the board tenant id in capitals, and with only one of the two fields present', async () => {
      for (const activity of [
        withTenants(personalMessage(bot.serviceUrl, chair, 'help'), TENANT_ID.toUpperCase(), TENANT_ID),
        withTenants(personalMessage(bot.serviceUrl, chair, 'help'), TENANT_ID, undefined),
        withTenants(personalMessage(bot.serviceUrl, chair, 'help'), undefined, TENANT_ID),
      ]) {
        assert.equal((await bot.send(activity, { authorization: signed() })).status, 200);
      }
      assert.equal(bot.connector.sentActivities().length, 3);
    });

    const update = (bot: TestBot) =>
      channelMention(bot.serviceUrl, chair, 'update 5.1 red From another tenant');
    const refused: [string, (bot: TestBot) => Record<string, unknown>][] = [
      ['another tenant in both fields', (bot) => withTenants(update(bot), OTHER_TENANT, OTHER_TENANT)],
      [
        "another tenant in channelData, the board's in conversation",
        (bot) => withTenants(update(bot), OTHER_TENANT, TENANT_ID),
      ],
      [
        "the board's tenant in channelData, another in conversation",
        (bot) => withTenants(update(bot), TENANT_ID, OTHER_TENANT),
      ],
      ['no tenant in either field', (bot) => withTenants(update(bot), undefined, undefined)],
      ['a tenant id that is a number', (bot) => withTenants(update(bot), 11111111, TENANT_ID)],
      ['a tenant id that is an object', (bot) => withTenants(update(bot), { id: TENANT_ID }, TENANT_ID)],
      [
        "the board's tenant id with a trailing space",
        (bot) => withTenants(update(bot), `${TENANT_ID} `, TENANT_ID),
      ],
      [
        "the board's tenant id with a full-width digit",
        (bot) => withTenants(update(bot), `\uff11${TENANT_ID.slice(1)}`, TENANT_ID),
      ],
      [
        'a personal message from another tenant',
        (bot) =>
          withTenants(personalMessage(bot.serviceUrl, chair, 'update 5.1 red x'), OTHER_TENANT, OTHER_TENANT),
      ],
      [
        "an install in another tenant's team",
        (bot) => withTenants(botInstalledInChannel(bot.serviceUrl, chair), OTHER_TENANT, OTHER_TENANT),
      ],
      [
        'a card button (Action.Execute) from another tenant',
        (bot) =>
          withTenants(
            executeAction(
              bot.serviceUrl,
              chair,
              'updateStatus',
              { actionId: '5.1', baseVersion: 0, rag: 'red', note: 'x' },
              personalConversation(chair),
            ),
            OTHER_TENANT,
            OTHER_TENANT,
          ),
      ],
    ];
    for (const [name, activity] of refused) {
      it(`refuses ${name} with 403 before any handler: logged, nothing stored, nothing sent`, async () => {
        const before = await everything();
        const logLines = bot.logs.lines.length;
        const issued = outbound.issued;
        const response = await bot.send(activity(bot), { authorization: signed() });
        assert.equal(response.status, 403, JSON.stringify(response.body));
        assert.deepEqual(bot.connector.calls, [], 'the Bot Connector saw nothing');
        assert.equal(outbound.issued, issued, 'no outbound call was even prepared');
        const messages = bot.logs.lines.slice(logLines).map((line) => line.msg);
        assert.deepEqual(messages, ['activity refused: not from the board tenant', 'turn']);
        assert.deepEqual(await everything(), before, 'nothing stored');
      });
    }
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
