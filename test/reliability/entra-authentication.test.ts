import { strict as assert } from 'node:assert';
import { personalMessage, TENANT_ID, testUser } from '../../scripts/support/teams-activities';
import { EntraKeysStandIn } from '../support/entra-keys';
import { newSigningKey, signJwt } from '../support/openid-issuer';
import { planRows } from '../support/plan-snapshot';
import { RecordingConnector } from '../support/recording-connector';
import { BOT_ID, startSignedBot, type SignedBot } from '../support/signed-bot';

const OTHER_TENANT = '99999999-8888-7777-6666-555555555555';
const chair = testUser('Chris Chair', 'chair@oscb.example');

const v2Issuer = (tenant: string) => `https://login.microsoftonline.com/${tenant}/v2.0`;
const v1Issuer = (tenant: string) => `https://sts.windows.net/${tenant}/`;

/** Claims of an Entra access token for the bot (what Teams sends for an agentic identity), `now` in ms. */
function entraClaims(iss: string, tid: string, extra: Record<string, unknown> = {}, now = Date.now()) {
  const seconds = Math.floor(now / 1000);
  return {
    iss,
    tid,
    aud: BOT_ID,
    azp: '00000000-aaaa-bbbb-cccc-000000000001',
    ver: iss.startsWith('https://sts.windows.net/') ? '1.0' : '2.0',
    nbf: seconds - 60,
    iat: seconds - 60,
    exp: seconds + 3600,
    ...extra,
  };
}

/**
 * Inbound authentication with tokens from Microsoft Entra (issuers login.microsoftonline.com/<tenant>/v2.0
 * and sts.windows.net/<tenant>/), validated by the Teams SDK against Entra's keys, which a loopback
 * stand-in publishes. Single tenant: only the board's tenant, for this bot, within the token's lifetime.
 */
describe('reliability: inbound authentication with Entra tokens', () => {
  let signedBot: SignedBot;
  let entra: EntraKeysStandIn;
  const unknownKey = newSigningKey('unknown-entra-key');

  before(async () => {
    signedBot = await startSignedBot({ env: { BOARD_ADMINS: chair.email } });
    signedBot.bot.meet(chair);
    entra = new EntraKeysStandIn(signedBot.issuer.trustedKey);
    await entra.start();
  });
  after(async () => {
    await entra.stop();
    await signedBot.stop();
  });
  beforeEach(() => signedBot.bot.connector.reset());

  const sign = (claims: Record<string, unknown>, key = signedBot.issuer.trustedKey) =>
    `Bearer ${signJwt({ alg: 'RS256', typ: 'JWT', kid: key.kid }, claims, key.privateKey)}`;
  const help = () => personalMessage(signedBot.bot.serviceUrl, chair, 'help');
  const update = () => personalMessage(signedBot.bot.serviceUrl, chair, 'update 5.1 red Entra forged update');

  const accepted: [string, () => Record<string, unknown>][] = [
    [
      'a v2 token (login.microsoftonline.com) from the board tenant',
      () => entraClaims(v2Issuer(TENANT_ID), TENANT_ID),
    ],
    ['a v1 token (sts.windows.net) from the board tenant', () => entraClaims(v1Issuer(TENANT_ID), TENANT_ID)],
    [
      'a board-tenant token whose tenant id is in capitals',
      () => entraClaims(v2Issuer(TENANT_ID), TENANT_ID.toUpperCase()),
    ],
  ];
  for (const [name, claims] of accepted) {
    it(`accepts ${name}: the handler runs and answers`, async () => {
      const response = await signedBot.bot.send(help(), { authorization: sign(claims()) });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(signedBot.bot.connector.sentActivities().length, 1, 'the help card was sent');
      assert.ok(
        entra.requests.some((url) => url.toLowerCase() === `/${TENANT_ID}/discovery/v2.0/keys`),
        `the keys came from the Entra stand-in: ${entra.requests.join(', ')}`,
      );
    });
  }

  const refused: [string, () => string][] = [
    ['a v2 token from another tenant', () => sign(entraClaims(v2Issuer(OTHER_TENANT), OTHER_TENANT))],
    ['a v1 token from another tenant', () => sign(entraClaims(v1Issuer(OTHER_TENANT), OTHER_TENANT))],
    [
      "the board tenant's issuer with another tenant's tid",
      () => sign(entraClaims(v2Issuer(TENANT_ID), OTHER_TENANT)),
    ],
    [
      "another tenant's issuer with the board tenant's tid",
      () => sign(entraClaims(v2Issuer(OTHER_TENANT), TENANT_ID)),
    ],
    ['a token without a tid', () => sign(entraClaims(v2Issuer(TENANT_ID), TENANT_ID, { tid: undefined }))],
    [
      'a token for another audience',
      () =>
        sign(entraClaims(v2Issuer(TENANT_ID), TENANT_ID, { aud: '00000000-1111-2222-3333-444444444444' })),
    ],
    [
      'a token for Microsoft Graph',
      () => sign(entraClaims(v2Issuer(TENANT_ID), TENANT_ID, { aud: 'https://graph.microsoft.com' })),
    ],
    [
      'a token that expired two hours ago',
      () => sign(entraClaims(v2Issuer(TENANT_ID), TENANT_ID, {}, Date.now() - 3 * 3600_000)),
    ],
    [
      'a token not valid for another hour',
      () =>
        sign(
          entraClaims(v2Issuer(TENANT_ID), TENANT_ID, {
            nbf: Math.floor(Date.now() / 1000) + 3600,
            exp: Math.floor(Date.now() / 1000) + 7200,
          }),
        ),
    ],
    [
      'a token signed by a key Entra does not publish',
      () => sign(entraClaims(v2Issuer(TENANT_ID), TENANT_ID), unknownKey),
    ],
    [
      'a token whose issuer only starts like the v1 issuer',
      () => sign(entraClaims(`${v1Issuer(TENANT_ID)}extra/`, TENANT_ID)),
    ],
  ];
  const lookAlikes = [
    'https://login.microsoftonline.com.evil.example/',
    `https://login.microsoftonline.com.evil.example/${TENANT_ID}/v2.0`,
    `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`,
    'https://LOGIN.microsoftonline.com/common/v2.0',
    'https://sts.windows.net.evil.example/',
    `https://sts.windows.net/${TENANT_ID}`,
  ];
  it('refuses tokens whose issuer only looks like Entra with 401, fetching no keys from anywhere', async () => {
    const entraBefore = entra.requests.length;
    const issuerBefore = signedBot.issuer.requests;
    for (const [i, iss] of lookAlikes.entries()) {
      const claims = entraClaims(iss, i % 2 ? TENANT_ID : `probe-${i}`);
      for (const kid of ['x', `random-${i}`]) {
        const token = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
        const response = await signedBot.bot.send(help(), { authorization: `Bearer ${token}` });
        assert.equal(response.status, 401, `${iss}: ${JSON.stringify(response.body)}`);
      }
    }
    assert.deepEqual(entra.requests.slice(entraBefore), [], 'no fetch from Entra');
    assert.equal(signedBot.issuer.requests - issuerBefore, 0, 'no fetch from the Bot Framework issuer');
  });

  it('refuses a board-tenant Entra token without an expiry, or naming no key, with 401', async () => {
    const key = signedBot.issuer.trustedKey;
    const noExp = sign(entraClaims(v2Issuer(TENANT_ID), TENANT_ID, { exp: undefined }));
    const noKid = `Bearer ${signJwt({ alg: 'RS256', typ: 'JWT' }, entraClaims(v2Issuer(TENANT_ID), TENANT_ID), key.privateKey)}`;
    for (const authorization of [noExp, noKid]) {
      const response = await signedBot.bot.send(help(), { authorization });
      assert.equal(response.status, 401, JSON.stringify(response.body));
      assert.deepEqual(signedBot.bot.connector.calls, [], 'nothing sent');
    }
  });

  describe('the serviceUrl, which an Entra token does not name', () => {
    let elsewhere: RecordingConnector;
    before(async () => {
      elsewhere = new RecordingConnector();
      await elsewhere.start();
      elsewhere.meet(chair);
    });
    after(() => elsewhere.stop());

    const boardToken = () => sign(entraClaims(v2Issuer(TENANT_ID), TENANT_ID));
    const pointedAt = (serviceUrl: string) => ({
      ...personalMessage(signedBot.bot.serviceUrl, chair, `assign 5.1 to ${chair.email}`),
      serviceUrl,
    });
    const elsewhereUrls: [string, () => string][] = [
      ['another server (a second recording connector)', () => elsewhere.url],
      ['a look-alike of the Bot Connector host', () => 'https://smba.trafficmanager.net.evil.example/teams/'],
      ['the Bot Connector host over http', () => 'http://smba.trafficmanager.net/teams/'],
      ['the Bot Connector host on another port', () => 'https://smba.trafficmanager.net:8443/teams/'],
      ['the Bot Connector host with a user name', () => 'https://x@smba.trafficmanager.net/teams/'],
    ];
    for (const [name, serviceUrl] of elsewhereUrls) {
      it(`refuses a board-tenant token whose activity points at ${name} with 403: no token, roster or reply leaves`, async () => {
        elsewhere.reset();
        const rows = () => planRows(signedBot.bot.bot.storage.tables.planStatus, signedBot.bot.bot.plan.id);
        const before = await rows();
        const logLines = signedBot.bot.logs.lines.length;
        const response = await signedBot.bot.send(pointedAt(serviceUrl()), { authorization: boardToken() });
        assert.equal(response.status, 403, JSON.stringify(response.body));
        assert.deepEqual(elsewhere.calls, [], 'nothing sent to the other server');
        assert.deepEqual(signedBot.bot.connector.calls, [], 'nothing sent to the Bot Connector');
        assert.deepEqual(await rows(), before, 'nothing stored');
        const refusals = signedBot.bot.logs.lines.slice(logLines).filter((line) => line.status === 403);
        assert.equal(refusals.length, 1, 'one log line says why');
      });
    }
  });

  for (const [name, authorization] of refused) {
    it(`refuses ${name} with 401: nothing sent, nothing stored`, async () => {
      const rows = () => planRows(signedBot.bot.bot.storage.tables.planStatus, signedBot.bot.bot.plan.id);
      const before = await rows();
      const logLines = signedBot.bot.logs.lines.length;
      const response = await signedBot.bot.send(update(), { authorization: authorization() });
      assert.equal(response.status, 401, JSON.stringify(response.body));
      assert.deepEqual(signedBot.bot.connector.calls, [], 'nothing sent to the Bot Connector');
      const commands = signedBot.bot.logs.lines.slice(logLines).filter((line) => line.msg === 'command');
      assert.deepEqual(commands, [], 'no handler ran');
      assert.deepEqual(await rows(), before, 'nothing stored');
    });
  }
});
