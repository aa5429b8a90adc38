import { strict as assert } from 'node:assert';
import { loadConfig } from '../../bot/config';
import { BOT_CONNECTOR_HOSTS, serviceUrlProblem } from '../../bot/service-url';

describe('bot: where an activity may point the bot (serviceUrl)', () => {
  const rules = { hosts: BOT_CONNECTOR_HOSTS };
  const allowed = [
    'https://smba.trafficmanager.net/teams/',
    'https://smba.trafficmanager.net/emea/',
    'https://SMBA.trafficmanager.net/amer/',
    'https://smba.infra.gcc.teams.microsoft.com/teams',
    'https://smba.infra.gov.teams.microsoft.us/teams',
    'https://smba.infra.dod.teams.microsoft.us/teams',
  ];
  for (const url of allowed)
    it(`allows ${url}`, () => assert.equal(serviceUrlProblem(url, rules), undefined));

  const refused: unknown[] = [
    'http://smba.trafficmanager.net/teams/',
    'https://smba.trafficmanager.net:444/teams/',
    'https://a:b@smba.trafficmanager.net/teams/',
    'https://smba.trafficmanager.net.evil.example/teams/',
    'https://evil.smba.trafficmanager.net/teams/',
    'https://trafficmanager.net/',
    'http://127.0.0.1:3978/',
    'https://127.0.0.1/',
    'not a url',
    '',
    42,
    { toString: 1 },
    `https://smba.trafficmanager.net/${'a'.repeat(3000)}`,
  ];
  for (const url of refused)
    it(`refuses ${JSON.stringify(url)?.slice(0, 60)}`, () => assert.ok(serviceUrlProblem(url, rules)));

  it('allows a test origin only when the test names it exactly', () => {
    const testing = { ...rules, originsForTests: ['http://127.0.0.1:4000'] };
    assert.equal(serviceUrlProblem('http://127.0.0.1:4000/', testing), undefined);
    assert.ok(serviceUrlProblem('http://127.0.0.1:4001/', testing));
    assert.ok(serviceUrlProblem('http://127.0.0.1:4000/', rules));
  });

  it("defaults to the Bot Connector's hosts; SERVICE_URL_HOSTS replaces them and is checked", () => {
    assert.deepEqual(loadConfig({}).serviceUrlHosts, BOT_CONNECTOR_HOSTS);
    assert.deepEqual(loadConfig({ SERVICE_URL_HOSTS: ' Smba.Example.org ' }).serviceUrlHosts, [
      'smba.example.org',
    ]);
    assert.throws(
      () => loadConfig({ SERVICE_URL_HOSTS: 'https://x.example' }),
      /SERVICE_URL_HOSTS must be host names/,
    );
  });
});
