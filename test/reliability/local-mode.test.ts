import { strict as assert } from 'node:assert';
import http from 'node:http';
import restify from 'restify';
import { loadConfig } from '../../bot/config';
import { listenOnHosts } from '../../bot/listeners';
import { createLogger } from '../../bot/logger';
import { LogCapture } from '../support/test-bot';
import { cardText, onlyCard } from '../../scripts/support/card-content';
import {
  botInstalledInChannel,
  botInstalledPersonally,
  personalMessage,
  TENANT_ID,
  testUser,
} from '../../scripts/support/teams-activities';
import { tableRows } from '../support/table-rows';
import { TestBot } from '../support/test-bot';

const chair = testUser('Chris Chair', 'chair@oscb.example');
const GUID = '6f1c7e4a-2b1d-4c3e-9a8b-0d2e4f6a8c10';

/** A POST with exactly these headers (fetch will not send a chosen Host header). */
function rawPost(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('local mode (BOT_ID unset) is local', function () {
  this.timeout(20_000);

  describe('where it listens', () => {
    it('with HOST unset: 127.0.0.1 and ::1 on one port, read from its own sockets, and no warning about HOST', async () => {
      const bot = await TestBot.start();
      try {
        const addresses = bot.bot.addresses();
        assert.deepEqual(
          addresses.map(({ address, family }) => ({ address, family })),
          [
            { address: '127.0.0.1', family: 'IPv4' },
            { address: '::1', family: 'IPv6' },
          ],
        );
        assert.equal(new Set(addresses.map(({ port }) => port)).size, 1, 'one port');
        assert.ok(!bot.logs.raw.some((line) => /HOST=/.test(line)));
        for (const url of [
          `http://127.0.0.1:${addresses[0].port}/healthz`,
          `http://[::1]:${addresses[0].port}/healthz`,
        ])
          assert.equal((await fetch(url)).status, 200, url);
      } finally {
        await bot.stop();
      }
    });

    it('with HOST set: listens there only and warns loudly', async () => {
      const bot = await TestBot.start({ env: { HOST: '127.0.0.1' } });
      try {
        assert.deepEqual(
          bot.bot.addresses().map(({ address }) => address),
          ['127.0.0.1'],
        );
        const warnings = bot.logs.lines.filter(
          (line) => line.level === 40 && /HOST=127\.0\.0\.1 IN LOCAL MODE/.test(String(line.msg)),
        );
        assert.equal(warnings.length, 1, 'one loud warning');
      } finally {
        await bot.stop();
      }
    });

    it('skips an address this machine does not have (IPv6 switched off) with a warning, and serves the rest', async () => {
      const logs = new LogCapture();
      const server = restify.createServer();
      server.get('/ping', async (_req, res) => {
        res.send(200, 'pong');
      });
      // 192.0.2.1 (TEST-NET-1) is on no interface here: binding it fails as ::1 does without IPv6.
      const listeners = await listenOnHosts(
        server,
        ['127.0.0.1', '192.0.2.1'],
        0,
        createLogger('warn', logs),
      );
      try {
        assert.deepEqual(
          listeners.addresses().map(({ address }) => address),
          ['127.0.0.1'],
        );
        assert.equal((await fetch(`http://127.0.0.1:${listeners.port}/ping`)).status, 200);
        assert.ok(logs.lines.some((line) => line.host === '192.0.2.1' && line.code === 'EADDRNOTAVAIL'));
      } finally {
        await listeners.close();
      }
    });

    it('with BOT_ID set and HOST unset: every interface (a hosted bot is reached through its platform)', () => {
      const credentials = { BOT_ID: GUID, BOT_PASSWORD: 'x', BOT_TENANT_ID: GUID, LOCAL_STORAGE: 'embedded' };
      assert.deepEqual(loadConfig(credentials).hosts, ['0.0.0.0']);
      assert.deepEqual(loadConfig({ ...credentials, HOST: '10.1.2.3' }).hosts, ['10.1.2.3']);
      assert.deepEqual(loadConfig({}).hosts, ['127.0.0.1', '::1']);
      assert.equal(loadConfig({ HOST: ' ' }).hostFromEnvironment, false);
    });
  });

  describe('what it answers', () => {
    let bot: TestBot;
    let port = 0;
    before(async () => {
      bot = await TestBot.start({ env: { BOARD_ADMINS: chair.email } });
      bot.meet(chair);
      port = Number(new URL(bot.serviceUrl).port);
      // The chair's personal chat is on record, pointing at the real connector.
      assert.equal((await bot.send(personalMessage(bot.serviceUrl, chair, 'help'))).status, 200);
    });
    after(async () => bot.stop());
    beforeEach(() => bot.connector.reset());

    const everything = async () => ({
      plan: await tableRows(bot.bot.storage.tables.planStatus),
      people: await tableRows(bot.bot.storage.tables.people),
      conversations: await tableRows(bot.bot.storage.tables.conversations),
    });

    /** Not this machine, or this machine's name used to smuggle another host past a careless check. */
    const foreignServiceUrls = (port: number) => [
      'https://smba.trafficmanager.net/emea/',
      'http://evil.example/',
      `http://127.0.0.1.evil.example:${port}/`,
      `http://localhost.evil.example:${port}/`,
      `http://localhost@evil.example:${port}/`,
      `http://127.0.0.1:${port}@evil.example/`,
      `http://evil.example#@127.0.0.1:${port}/`,
      `http://evil.example\\@127.0.0.1:${port}/`,
      `http://user:password@127.0.0.1:${port}/`,
      `http://localhost:${port}@169.254.169.254/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.5/',
      'http://192.168.1.1:8080/',
      `http://0.0.0.0:${port}/`,
      `http://[::]:${port}/`,
      `http://[fe80::1]:${port}/`,
      `http://3232235777:${port}/`,
      'file:///etc/passwd',
    ];

    it('refuses every serviceUrl not on this machine with 400: nothing stored, nothing sent', async () => {
      const before = await everything();
      for (const serviceUrl of foreignServiceUrls(port)) {
        for (const activity of [
          personalMessage(serviceUrl, chair, 'update 5.1 red Sent elsewhere'),
          botInstalledInChannel(serviceUrl, chair),
          botInstalledPersonally(serviceUrl, chair),
        ]) {
          const logLines = bot.logs.lines.length;
          const response = await bot.send(activity);
          assert.equal(response.status, 400, `${serviceUrl}: ${JSON.stringify(response.body)}`);
          assert.ok(
            !bot.logs.lines.slice(logLines).some((line) => line.msg === 'command'),
            `${serviceUrl}: no handler ran`,
          );
        }
      }
      assert.deepEqual(bot.connector.calls, [], 'nothing sent');
      assert.deepEqual(
        await everything(),
        before,
        "nothing stored: not the board channel, not the chair's chat",
      );
    });

    it('answers serviceUrls on this machine, however the loopback address is spelled', async () => {
      const spellings = [
        `http://localhost:${port}/`,
        `HTTP://LOCALHOST:${port}/`,
        `http://127.0.0.1:${port}/`,
        `http://127.1:${port}/`,
        `http://2130706433:${port}/`,
        `http://0x7f000001:${port}/`,
      ];
      for (const serviceUrl of spellings) {
        const response = await bot.send(personalMessage(serviceUrl, chair, 'show priority 5'));
        assert.equal(response.status, 200, serviceUrl);
      }
      const replies = bot.connector.sentActivities();
      assert.equal(replies.length, spellings.length, 'each one answered through the connector');
      for (const reply of replies) assert.match(cardText(onlyCard(reply)), /Priority 5/);
    });

    const activityJson = () =>
      JSON.stringify(personalMessage(bot.serviceUrl, chair, 'update 5.1 red Posted by a web page'));
    const formBody = () =>
      new URLSearchParams({
        type: 'message',
        text: 'update 5.1 red Posted by a web page',
        serviceUrl: bot.serviceUrl,
        'from[id]': chair.id,
        'conversation[id]': `a:personal-${chair.id}`,
        'recipient[id]': '28:bot',
      }).toString();
    const notJson: [string, string, () => string][] = [
      ['an HTML form (application/x-www-form-urlencoded)', 'application/x-www-form-urlencoded', formBody],
      [
        'a multipart form',
        'multipart/form-data; boundary=x',
        () => `--x\r\nContent-Disposition: form-data; name="type"\r\n\r\nmessage\r\n--x--\r\n`,
      ],
      ['JSON sent as text/plain (what a page can send without a preflight)', 'text/plain', activityJson],
      ['JSON sent as text/plain; charset=utf-8', 'text/plain; charset=utf-8', activityJson],
      ['JSON with no Content-Type', '', activityJson],
      ['JSON in another charset', 'application/json; charset=iso-8859-1', activityJson],
      ['a JSON-like media type', 'application/json-patch+json', activityJson],
      ['text/json', 'text/json', activityJson],
      ['an unreadable Content-Type', 'application/json; charset', activityJson],
    ];
    for (const [name, contentType, body] of notJson) {
      it(`refuses ${name} with 415: nothing stored, nothing sent`, async () => {
        const before = await everything();
        const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
        const response = await rawPost(`${bot.url}/api/messages`, headers, body());
        assert.equal(response.status, 415, response.body);
        assert.deepEqual(bot.connector.calls, []);
        assert.deepEqual(await everything(), before);
      });
    }

    for (const contentType of [
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/json;charset="UTF-8"',
    ]) {
      it(`accepts ${contentType}`, async () => {
        const body = JSON.stringify(personalMessage(bot.serviceUrl, chair, 'show plan'));
        const response = await rawPost(`${bot.url}/api/messages`, { 'content-type': contentType }, body);
        assert.equal(response.status, 200, response.body);
        assert.equal(bot.connector.sentActivities().length, 1);
      });
    }

    const browserish: [string, Record<string, string>][] = [
      [
        'a page whose DNS name was rebound to 127.0.0.1 (Host: its own name)',
        { host: `evil.example:${port}` },
      ],
      ['a Host header with user info', { host: `localhost@evil.example` }],
      ['a cross-site page (Origin: https://evil.example)', { origin: 'https://evil.example' }],
      ['a sandboxed page or a file (Origin: null)', { origin: 'null' }],
    ];
    for (const [name, headers] of browserish) {
      it(`refuses ${name} with 403`, async () => {
        const before = await everything();
        const response = await rawPost(
          `${bot.url}/api/messages`,
          { 'content-type': 'application/json', ...headers },
          activityJson(),
        );
        assert.equal(response.status, 403, response.body);
        assert.deepEqual(bot.connector.calls, []);
        assert.deepEqual(await everything(), before);
      });
    }

    it('accepts a page served from this machine (Origin: http://localhost:…), as a local tool is', async () => {
      const body = JSON.stringify(personalMessage(bot.serviceUrl, chair, 'show plan'));
      const response = await rawPost(
        `${bot.url}/api/messages`,
        { 'content-type': 'application/json', origin: 'http://localhost:56150', host: `localhost:${port}` },
        body,
      );
      assert.equal(response.status, 200, response.body);
    });

    it('an unauthenticated install in a team with a loopback serviceUrl records the team but not the board channel', async () => {
      const install = {
        ...botInstalledInChannel(bot.serviceUrl, chair, '19:attacker@thread.tacv2'),
        conversation: { id: '19:attacker@thread.tacv2', conversationType: 'channel', tenantId: TENANT_ID },
      };
      assert.equal((await bot.send(install)).status, 200);
      assert.equal(await bot.bot.stores.boardChannels.get(), undefined);
      const teams = await bot.bot.stores.teams.all();
      assert.ok(teams.some((team) => team.conversationId === '19:attacker@thread.tacv2'));
    });
  });
});
