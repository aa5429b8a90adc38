import { strict as assert } from 'node:assert';
import { FILE_CONSENT_CONTENT_TYPE } from '../../bot/file-consent';
import { systemResolve, type ResolveHost } from '../../bot/upload-target';
import { cardsOf, cardText } from '../../scripts/support/card-content';
import { personalMessage, TENANT_ID, testUser } from '../../scripts/support/teams-activities';
import { fileConsentInvoke } from '../support/file-consent-activity';
import { channelClaims, FakeOpenIdIssuer, signJwt } from '../support/openid-issuer';
import { OutboundTokenStandIn } from '../support/outbound-token';
import { TestBot, type TestBotOptions } from '../support/test-bot';

const BOT_ID = '6f1c7e4a-2b1d-4c3e-9a8b-0d2e4f6a8c10';
const CREDENTIALS = { BOT_ID, BOT_PASSWORD: 'not-a-real-secret', BOT_TENANT_ID: TENANT_ID };
const chair = testUser('Chris Chair', 'chair@oscb.example');
const TOKEN = 'secret-upload-token-4711';

type Sent = Record<string, unknown>;

/** A bot with Bot Framework authentication, its inbound tokens signed by a loopback OpenID issuer. */
class SignedBot {
  bot!: TestBot;
  private issuer = new FakeOpenIdIssuer();
  /** An accept context from a real offer. */
  context: unknown;

  async start(env: Record<string, string>, options: TestBotOptions = {}): Promise<void> {
    await this.issuer.start();
    this.bot = await TestBot.start({
      ...options,
      env: {
        ...CREDENTIALS,
        BOT_OPENID_METADATA_URL: this.issuer.metadataUrl,
        BOARD_ADMINS: chair.email,
        ...env,
      },
      outboundTokens: new OutboundTokenStandIn(BOT_ID, TENANT_ID),
      uploadTimeoutMs: 2000,
    });
    this.bot.meet(chair);
    const { sent } = await this.exchange(personalMessage(this.bot.serviceUrl, chair, 'board pack'));
    const offer = sent
      .flatMap((activity) => (activity.attachments ?? []) as { contentType: string; content: Sent }[])
      .find((attachment) => attachment.contentType === FILE_CONSENT_CONTENT_TYPE);
    assert.ok(offer, `a consent card was offered: ${JSON.stringify(sent)}`);
    this.context = offer.content.acceptContext;
  }

  async stop(): Promise<void> {
    await this.bot.stop();
    await this.issuer.stop();
  }

  async exchange(activity: Record<string, unknown>): Promise<{ status: number; sent: Sent[] }> {
    const before = this.bot.connector.sentActivities().length;
    const authorization = `Bearer ${signJwt(
      { alg: 'RS256', typ: 'JWT', kid: this.issuer.trustedKey.kid },
      channelClaims(BOT_ID, this.bot.serviceUrl),
      this.issuer.trustedKey.privateKey,
    )}`;
    const { status } = await this.bot.send(activity, { authorization });
    await this.bot.bot.workAfterAnswer.settled();
    return { status, sent: this.bot.connector.sentActivities().slice(before) };
  }

  accept(uploadUrl: string) {
    return this.exchange(
      fileConsentInvoke(this.bot.serviceUrl, chair, {
        action: 'accept',
        context: this.context,
        uploadInfo: {
          name: 'OSCB board pack.docx',
          uploadUrl,
          contentUrl: 'https://contoso-my.sharepoint.com/personal/chair/Documents/OSCB%20board%20pack.docx',
          uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C',
          fileType: 'docx',
        },
      }),
    );
  }
}

const texts = (sent: Sent[]) => sent.flatMap((activity) => cardsOf(activity).map(cardText)).join('\n');

describe('board pack uploads go only where Teams sends them (signed activities, real server)', function () {
  this.timeout(120_000);

  describe('with the default UPLOAD_HOSTS (SharePoint) and names that resolve to internal addresses', () => {
    const signed = new SignedBot();
    const resolved: string[] = [];
    /** Made-up SharePoint names and what their DNS says; any other name goes to the system resolver. */
    const dns: Record<string, string[]> = {
      'private.sharepoint.com': ['10.0.0.5'],
      'cgnat.sharepoint.com': ['100.64.0.9'],
      'metadata.sharepoint.com': ['169.254.169.254'],
      'loopback.sharepoint.com': ['127.0.0.1'],
      'loopback6.sharepoint.com': ['::1'],
      'mapped.sharepoint.com': ['::ffff:127.0.0.1'],
      'mappedhex.sharepoint.com': ['::ffff:a9fe:a9fe'],
      'linklocal6.sharepoint.com': ['fe80::1'],
      'ula.sharepoint.com': ['fd00:ec2::254'],
      'zero.sharepoint.com': ['0.0.0.0'],
      'zero6.sharepoint.com': ['::'],
      'mixed.sharepoint.com': ['20.190.128.1', '10.0.0.5'],
    };
    const resolve: ResolveHost = async (hostname) => {
      resolved.push(hostname);
      return dns[hostname] ?? systemResolve(hostname);
    };

    before(async () =>
      signed.start({ UPLOAD_HOSTS: '*.sharepoint.com,localhost' }, { uploadsForTests: { resolve } }),
    );
    after(async () => signed.stop());
    beforeEach(() => {
      signed.bot.connector.reset();
      resolved.length = 0;
    });

    const port = () => new URL(signed.bot.serviceUrl).port;
    const refused: [string, () => string][] = [
      ['loopback by address', () => `https://127.0.0.1:${port()}/upload/a?tempauth=${TOKEN}`],
      ['loopback on the default port', () => `https://127.0.0.1/upload/a?tempauth=${TOKEN}`],
      ['IPv6 loopback', () => `https://[::1]/upload/a?tempauth=${TOKEN}`],
      ['IPv4-mapped IPv6 loopback', () => `https://[::ffff:127.0.0.1]/upload/a?tempauth=${TOKEN}`],
      ['localhost (listed, resolves to loopback)', () => `https://localhost/upload/a?tempauth=${TOKEN}`],
      ['loopback as one integer', () => `https://2130706433/upload/a?tempauth=${TOKEN}`],
      ['loopback in hex', () => `https://0x7f000001/upload/a?tempauth=${TOKEN}`],
      ['loopback in short octal', () => `https://0177.1/upload/a?tempauth=${TOKEN}`],
      ['the cloud metadata service', () => `https://169.254.169.254/latest/meta-data?tempauth=${TOKEN}`],
      ['plain http to SharePoint', () => `http://contoso-my.sharepoint.com/upload?tempauth=${TOKEN}`],
      ['a port probe on a SharePoint name', () => `https://contoso-my.sharepoint.com:22/?tempauth=${TOKEN}`],
      ['the connector port on a SharePoint name', () => `https://loopback.sharepoint.com:${port()}/upload/a`],
      ['another host', () => `https://evil.example/upload?tempauth=${TOKEN}`],
      ['a look-alike', () => `https://contoso.sharepoint.com.evil.example/upload?tempauth=${TOKEN}`],
      ...Object.keys(dns).map((host): [string, () => string] => [
        `${host} (${dns[host].join(', ')})`,
        () => `https://${host}/personal/chair/upload?tempauth=${TOKEN}`,
      ]),
    ];
    for (const [why, url] of refused) {
      it(`refuses ${why}: "could not be read", nothing drawn or sent`, async () => {
        const logLines = signed.bot.logs.lines.length;
        const { status, sent } = await signed.accept(url());
        assert.equal(status, 200);
        assert.match(texts(sent), /could not be read/);
        assert.equal(signed.bot.connector.uploads.length, 0);
        const logged = signed.bot.logs.lines.slice(logLines).map((line) => line.msg);
        assert.ok(logged.includes('file consent upload URL refused; nothing sent'), logged.join(', '));
        assert.ok(!logged.some((msg) => /board pack upload/.test(String(msg))), 'no upload started');
      });
    }

    it('resolves each SharePoint name once, before answering', async () => {
      await signed.accept(`https://mixed.sharepoint.com/up?tempauth=${TOKEN}`);
      assert.deepEqual(resolved, ['mixed.sharepoint.com']);
    });

    it('never logs the upload token', () => {
      assert.equal(signed.bot.logs.raw.filter((line) => line.includes(TOKEN)).length, 0);
    });
  });

  describe('with the test-only loopback setting: the bot connects to the address it checked', () => {
    const signed = new SignedBot();
    const resolved: string[] = [];
    /** The first answer is the stand-in OneDrive on loopback; any later answer is somewhere else. */
    const rebinding: ResolveHost = async (hostname) => {
      resolved.push(hostname);
      return resolved.length === 1 ? ['127.0.0.1'] : ['10.9.9.9'];
    };
    before(async () =>
      signed.start(
        { UPLOAD_HOSTS: 'onedrive.test' },
        { uploadsForTests: { loopback: true, resolve: rebinding } },
      ),
    );
    after(async () => signed.stop());
    beforeEach(() => {
      signed.bot.connector.reset();
      resolved.length = 0;
    });

    const uploadUrl = () =>
      signed.bot.connector.uploadUrl('pack.docx', TOKEN).replace('127.0.0.1', 'onedrive.test');

    it('uploads to the checked address of a name the system cannot even resolve, resolving it once', async () => {
      const { sent } = await signed.accept(uploadUrl());
      assert.equal(signed.bot.connector.uploads.length, 1, texts(sent));
      const [upload] = signed.bot.connector.uploads;
      assert.equal(upload.headers.host, `onedrive.test:${new URL(signed.bot.serviceUrl).port}`);
      assert.equal(upload.search, `?tempauth=${TOKEN}`);
      assert.deepEqual(resolved, ['onedrive.test'], 'one resolution: the connection used its answer');
    });

    it('does not follow a redirect: a 307 is reported as refused', async () => {
      signed.bot.connector.answerUploads(307);
      const { sent } = await signed.accept(uploadUrl());
      assert.equal(signed.bot.connector.uploads.length, 1);
      assert.match(texts(sent), /HTTP 307/);
    });

    it('a host not in UPLOAD_HOSTS is still refused', async () => {
      const { sent } = await signed.accept(signed.bot.connector.uploadUrl('pack.docx', TOKEN));
      assert.match(texts(sent), /could not be read/);
      assert.equal(signed.bot.connector.uploads.length, 0);
    });
  });
});
