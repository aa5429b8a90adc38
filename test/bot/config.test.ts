import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError, loadConfig, readEnvironment } from '../../bot/config';
import { repoRoot } from '../support/paths';

const GUID = '6f1c2d3e-1111-2222-3333-444455556666';

function problemsOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults: local mode, embedded storage, Monday 09:00 London', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.credentials, undefined);
    assert.deepEqual(config.storage, { embedded: { directory: '.data', port: 10002 } });
    assert.deepEqual(config.digest, {
      cron: '0 9 * * 1',
      timeZone: 'Europe/London',
      scheduled: true,
      leaseMs: 120_000,
      sendTimeoutMs: 15_000,
    });
    assert.equal(config.staleDays, 14);
  });

  it('reads admins as lower-cased emails and credentials as a set', () => {
    const config = loadConfig({
      BOARD_ADMINS: ' Chair@OSCB.example , manager@oscb.example',
      BOT_ID: GUID,
      BOT_PASSWORD: 'secret',
      BOT_TENANT_ID: GUID,
      AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
    });
    assert.deepEqual(config.boardAdmins, ['chair@oscb.example', 'manager@oscb.example']);
    assert.deepEqual(config.credentials, { appId: GUID, password: 'secret', tenantId: GUID });
    assert.deepEqual(config.storage, { connectionString: 'UseDevelopmentStorage=true' });
  });

  it('reads admins in ASCII lower case, and a guest admin by the address they were invited with', () => {
    const config = loadConfig({
      BOARD_ADMINS: 'KATE@oscb.example, Jane_Police.uk#EXT#@oscbboard.onmicrosoft.com',
      AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
    });
    assert.deepEqual(config.boardAdmins, ['kate@oscb.example', 'jane@police.uk']);
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['a port that is not a number', { PORT: 'abc' }, /^PORT .*"abc"/],
    ['a port out of range', { PORT: '70000' }, /^PORT /],
    ['a bot id that is not a GUID', { BOT_ID: 'my-bot', BOT_PASSWORD: 'x', BOT_TENANT_ID: GUID }, /^BOT_ID /],
    [
      'a bot id without its password',
      { BOT_ID: GUID, BOT_TENANT_ID: GUID },
      /^BOT_PASSWORD is required when BOT_ID/,
    ],
    [
      'a bot id without its tenant',
      { BOT_ID: GUID, BOT_PASSWORD: 'x' },
      /^BOT_TENANT_ID is required when BOT_ID/,
    ],
    ['an admin that is not an email', { BOARD_ADMINS: 'chair@oscb.example, the chair' }, /^BOARD_ADMINS /],
    // toLowerCase() would have turned the KELVIN SIGN into "k" and made this kate@oscb.example.
    ['an admin spelt with a KELVIN SIGN', { BOARD_ADMINS: '\u212Aate@oscb.example' }, /^BOARD_ADMINS /],
    ['a time zone that does not exist', { DIGEST_TZ: 'Europe/Oxford' }, /^DIGEST_TZ .*IANA/],
    ['a cron pattern that is not one', { DIGEST_CRON: 'every monday' }, /^DIGEST_CRON .*cron pattern/],
    ['stale days of zero', { STALE_DAYS: '0' }, /^STALE_DAYS /],
    ['a table prefix with a hyphen', { TABLE_PREFIX: 'oscb-test' }, /^TABLE_PREFIX /],
    ['a log level that does not exist', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL /],
    ['a schedule switch that is not on/off', { DIGEST_SCHEDULE: 'yes' }, /^DIGEST_SCHEDULE /],
  ];
  for (const [name, environment, expected] of bad) {
    it(`names the variable for ${name}`, () => {
      const problems = problemsOf(environment);
      assert.equal(problems.length, 1, problems.join('; '));
      assert.match(problems[0], expected);
    });
  }

  it('never repeats a password or a connection string in its message', () => {
    const problems = problemsOf({
      BOT_ID: 'not-a-guid',
      BOT_PASSWORD: 'hunter2-secret',
      BOT_TENANT_ID: GUID,
      PORT: 'x',
    });
    assert.ok(problems.length >= 2);
    assert.ok(problems.every((problem) => !problem.includes('hunter2-secret')));
  });

  it('reads .env under the process environment, which wins', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-env-'));
    try {
      fs.writeFileSync(
        path.join(dir, '.env'),
        'STALE_DAYS=21\nOSCB_TEST_ONLY_FROM_FILE=yes\nPATH=/from-file\n',
      );
      const environment = readEnvironment(path.join(dir, '.env'));
      assert.equal(environment.OSCB_TEST_ONLY_FROM_FILE, 'yes');
      assert.equal(environment.PATH, process.env.PATH);
      assert.equal(loadConfig({ STALE_DAYS: environment.STALE_DAYS ?? '' }).staleDays, 21);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops `npm start` at once with the bad variable named', async () => {
    const main = path.join(repoRoot, 'dist', 'bot', 'main.js');
    const run = promisify(execFile);
    const failure = await run(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', PORT: 'eighty', BOARD_ADMINS: 'nobody' },
      cwd: os.tmpdir(),
    }).then(
      () => assert.fail('the bot started with a bad configuration'),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(failure.code, 1);
    assert.match(failure.stderr, /PORT .*"eighty"/);
    assert.match(failure.stderr, /BOARD_ADMINS /);
  });
});
