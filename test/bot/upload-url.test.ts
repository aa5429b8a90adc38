import { strict as assert } from 'node:assert';
import { checkUploadUrl, MAX_UPLOAD_URL_LENGTH, uploadHostForLog } from '../../bot/upload-url';

describe('the upload URL a file consent accept names', () => {
  const ONEDRIVE =
    "https://contoso-my.sharepoint.com/personal/chair_contoso_com/_api/v2.0/drive/items/01/uploadSession?guid='1'&tempauth=eyJ0eXAi";
  const cases: { url: unknown; production: boolean; local: boolean; why: string }[] = [
    { url: ONEDRIVE, production: true, local: false, why: 'an OneDrive upload session' },
    {
      url: 'http://contoso-my.sharepoint.com/up?tempauth=x',
      production: false,
      local: false,
      why: 'plain http',
    },
    {
      url: 'http://127.0.0.1:4000/upload/a?tempauth=x',
      production: false,
      local: true,
      why: 'loopback http',
    },
    { url: 'https://localhost/upload', production: true, local: true, why: 'loopback https' },
    { url: 'http://[::1]:80/upload', production: false, local: true, why: 'IPv6 loopback' },
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
  for (const { url, production, local, why } of cases) {
    it(`${why}: ${production ? 'taken' : 'refused'} with authentication, ${local ? 'taken' : 'refused'} in local mode`, () => {
      assert.equal(checkUploadUrl(url, { localMode: false }).ok, production);
      assert.equal(checkUploadUrl(url, { localMode: true }).ok, local);
    });
  }

  it('says what is wrong without quoting the URL', () => {
    const check = checkUploadUrl('http://contoso.sharepoint.com/up?tempauth=secret', { localMode: false });
    assert.ok(!check.ok);
    assert.doesNotMatch(check.problem, /secret|contoso/);
  });

  it('logs only the host: the path names the person and the query holds the token', () => {
    assert.equal(uploadHostForLog(new URL(ONEDRIVE)), 'contoso-my.sharepoint.com');
  });
});
