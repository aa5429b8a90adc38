import { strict as assert } from 'node:assert';
import { addressProblem, isAllowedUploadHost, SHAREPOINT_UPLOAD_HOSTS } from '../../bot/upload-hosts';
import { pinnedLookup, resolveUploadTarget } from '../../bot/upload-target';
import { checkUploadUrl, MAX_UPLOAD_URL_LENGTH, uploadHostForLog } from '../../bot/upload-url';

const production = { localMode: false, hosts: SHAREPOINT_UPLOAD_HOSTS };
const local = { localMode: true, hosts: SHAREPOINT_UPLOAD_HOSTS };

describe('the upload URL a file consent accept names', () => {
  const ONEDRIVE =
    "https://contoso-my.sharepoint.com/personal/chair_contoso_com/_api/v2.0/drive/items/01/uploadSession?guid='1'&tempauth=eyJ0eXAi";
  const cases: { url: unknown; production: boolean; local: boolean; why: string }[] = [
    { url: ONEDRIVE, production: true, local: false, why: 'an OneDrive upload session' },
    { url: 'https://contoso.sharepoint.us/up', production: true, local: false, why: 'GCC High' },
    { url: 'https://contoso.sharepoint-mil.us/up', production: true, local: false, why: 'DoD' },
    { url: 'https://contoso.dps.mil/up', production: true, local: false, why: "DoD's other SharePoint host" },
    { url: 'https://dps.mil/up', production: false, local: false, why: "DoD's bare domain" },
    { url: 'https://contoso.sharepoint.cn/up', production: true, local: false, why: '21Vianet' },
    { url: 'https://CONTOSO-MY.SharePoint.com/up', production: true, local: false, why: 'upper case' },
    {
      url: 'http://contoso-my.sharepoint.com/up?tempauth=x',
      production: false,
      local: false,
      why: 'plain http',
    },
    { url: 'https://contoso-my.sharepoint.com:8443/up', production: false, local: false, why: 'a port' },
    { url: 'https://contoso-my.sharepoint.com:22/up', production: false, local: false, why: 'a port probe' },
    { url: 'https://sharepoint.com/up', production: false, local: false, why: 'the bare domain' },
    { url: 'https://evilsharepoint.com/up', production: false, local: false, why: 'a suffix look-alike' },
    {
      url: 'https://contoso.sharepoint.com.evil.example/up',
      production: false,
      local: false,
      why: 'a prefix look-alike',
    },
    { url: 'https://evil.example/up', production: false, local: false, why: 'any other host' },
    {
      url: 'https://127.0.0.1:4000/upload/a',
      production: false,
      local: true,
      why: 'loopback https with a port',
    },
    {
      url: 'http://127.0.0.1:4000/upload/a?tempauth=x',
      production: false,
      local: true,
      why: 'loopback http',
    },
    { url: 'https://localhost/upload', production: false, local: true, why: 'localhost' },
    { url: 'https://[::1]/upload', production: false, local: true, why: 'IPv6 loopback' },
    {
      url: 'https://[::ffff:127.0.0.1]/upload',
      production: false,
      local: false,
      why: 'IPv4-mapped loopback',
    },
    { url: 'https://2130706433/upload', production: false, local: true, why: 'loopback as one integer' },
    { url: 'https://0x7f.1/upload', production: false, local: true, why: 'loopback in hex, short' },
    { url: 'https://0177.0.0.1/upload', production: false, local: true, why: 'loopback in octal' },
    { url: 'https://169.254.169.254/latest', production: false, local: false, why: 'the metadata service' },
    { url: 'https://10.0.0.5/up', production: false, local: false, why: 'a private address' },
    { url: 'https://0.0.0.0/up', production: false, local: false, why: 'the unspecified address' },
    { url: 'https://[fe80::1]/up', production: false, local: false, why: 'IPv6 link-local' },
    { url: 'http://127.0.0.1.evil.example/up', production: false, local: false, why: 'a look-alike host' },
    {
      url: 'http://localhost@evil.example/up',
      production: false,
      local: false,
      why: 'userinfo naming loopback',
    },
    {
      url: 'https://user:pass@contoso.sharepoint.com/up',
      production: false,
      local: false,
      why: 'credentials',
    },
    { url: 'ftp://contoso.sharepoint.com/up', production: false, local: false, why: 'another scheme' },
    { url: 'file:///etc/passwd', production: false, local: false, why: 'a file URL' },
    { url: 'javascript:alert(1)', production: false, local: false, why: 'script' },
    { url: 'not a url', production: false, local: false, why: 'not a URL' },
    { url: '', production: false, local: false, why: 'empty' },
    { url: 42, production: false, local: false, why: 'a number' },
    { url: undefined, production: false, local: false, why: 'missing' },
    {
      url: `https://contoso.sharepoint.com/up?t=${'a'.repeat(MAX_UPLOAD_URL_LENGTH)}`,
      production: false,
      local: false,
      why: 'too long',
    },
  ];
  for (const { url, production: taken, local: takenLocally, why } of cases) {
    it(`${why}: ${taken ? 'taken' : 'refused'} with authentication, ${takenLocally ? 'taken' : 'refused'} in local mode`, () => {
      assert.equal(checkUploadUrl(url, production).ok, taken);
      assert.equal(checkUploadUrl(url, local).ok, takenLocally);
    });
  }

  it('UPLOAD_HOSTS replaces the list; an address written as a host is still checked', () => {
    const rules = { localMode: false, hosts: ['files.example.org', '127.0.0.1'] };
    assert.ok(checkUploadUrl('https://files.example.org/up', rules).ok);
    assert.ok(!checkUploadUrl(ONEDRIVE, rules).ok);
    assert.ok(!checkUploadUrl('https://127.0.0.1/up', rules).ok, 'loopback even when listed');
  });

  it('says what is wrong without quoting the URL', () => {
    const check = checkUploadUrl('http://contoso.sharepoint.com/up?tempauth=secret', production);
    assert.ok(!check.ok);
    assert.doesNotMatch(check.problem, /secret|contoso/);
  });

  it('logs only the host: the path names the person and the query holds the token', () => {
    assert.equal(uploadHostForLog(new URL(ONEDRIVE)), 'contoso-my.sharepoint.com');
  });
});

describe('the addresses an upload may connect to', () => {
  const cases: [string, 'public' | 'refused'][] = [
    ['20.190.128.1', 'public'],
    ['13.107.136.9', 'public'],
    ['2603:1036:3000::1', 'public'],
    ['127.0.0.1', 'refused'],
    ['127.255.0.9', 'refused'],
    ['::1', 'refused'],
    ['::ffff:127.0.0.1', 'refused'],
    ['::ffff:7f00:1', 'refused'],
    ['::ffff:10.0.0.1', 'refused'],
    ['10.0.0.1', 'refused'],
    ['172.16.5.4', 'refused'],
    ['192.168.1.1', 'refused'],
    ['100.64.0.1', 'refused'],
    ['169.254.169.254', 'refused'],
    ['fe80::1', 'refused'],
    ['fd00:ec2::254', 'refused'],
    ['0.0.0.0', 'refused'],
    ['::', 'refused'],
    ['224.0.0.1', 'refused'],
    ['255.255.255.255', 'refused'],
    ['198.51.100.7', 'refused'],
    ['64:ff9b::a00:1', 'refused'],
    ['2002:a00:1::1', 'refused'],
    ['not-an-address', 'refused'],
  ];
  for (const [address, expected] of cases) {
    it(`${address}: ${expected}`, () => {
      assert.equal(addressProblem(address, 'public') === undefined, expected === 'public');
    });
  }

  it('local mode takes loopback only', () => {
    assert.equal(addressProblem('127.0.0.1', 'loopback'), undefined);
    assert.equal(addressProblem('::1', 'loopback'), undefined);
    assert.notEqual(addressProblem('20.190.128.1', 'loopback'), undefined);
    assert.notEqual(addressProblem('10.0.0.1', 'loopback'), undefined);
  });

  it('a host pattern matches names under its domain only', () => {
    assert.ok(isAllowedUploadHost('a.b.sharepoint.com', ['*.sharepoint.com']));
    assert.ok(!isAllowedUploadHost('sharepoint.com', ['*.sharepoint.com']));
    assert.ok(!isAllowedUploadHost('xsharepoint.com', ['*.sharepoint.com']));
  });

  it('a name is refused when any of its addresses is refused, and resolving is bounded', async () => {
    const url = new URL('https://contoso.sharepoint.com/up');
    const mixed = await resolveUploadTarget(url, 'public', async () => ['20.190.128.1', '127.0.0.1']);
    assert.ok(!mixed.ok);
    const silent = await resolveUploadTarget(url, 'public', () => new Promise(() => undefined), 50);
    assert.deepEqual(silent, { ok: false, problem: 'the upload host does not resolve' });
    const none = await resolveUploadTarget(url, 'public', async () => []);
    assert.ok(!none.ok);
  });

  it('the pinned lookup answers with the checked addresses in the form net asks for', async () => {
    const lookup = pinnedLookup(['20.190.128.1', '2603:1036:3000::1']);
    const ask = (options: { family?: number; all?: boolean }) =>
      new Promise<unknown>((resolve) =>
        lookup('anything.example', options as never, (error, address, family) =>
          resolve(error ? error.code : options.all ? address : [address, family]),
        ),
      );
    assert.deepEqual(await ask({ all: true }), [
      { address: '20.190.128.1', family: 4 },
      { address: '2603:1036:3000::1', family: 6 },
    ]);
    assert.deepEqual(await ask({ family: 6 }), ['2603:1036:3000::1', 6]);
    assert.deepEqual(await ask({}), ['20.190.128.1', 4]);
  });
});
