import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DefaultAzureCredential } from '@azure/identity';
import { ConfigError, loadConfig, readEnvironment } from '../../bot/config';
import { azureTableClients } from '../../storage/table-clients';
import { repoRoot } from '../../scripts/support/repo-paths';

const GUID = '6f1c2d3e-1111-2222-3333-444455556666';
const PRODUCTION = { BOT_ID: GUID, BOT_PASSWORD: 'secret', BOT_TENANT_ID: GUID };
const ACCOUNT_URL = 'https://oscbplan.table.core.windows.net';

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

  it("uploads go to SharePoint's hosts in every cloud unless UPLOAD_HOSTS says otherwise", () => {
    assert.deepEqual(loadConfig({}).uploadHosts, [
      '*.sharepoint.com',
      '*.sharepoint.us',
      '*.sharepoint-mil.us',
      '*.dps.mil',
      '*.sharepoint.cn',
    ]);
    assert.deepEqual(loadConfig({ UPLOAD_HOSTS: ' *.SharePoint.com , files.example.org ' }).uploadHosts, [
      '*.sharepoint.com',
      'files.example.org',
    ]);
  });

  it('reads the board documents and yearly report settings, with defaults', () => {
    const defaults = loadConfig({
      PROTECTIVE_MARKING: '',
      AGENCY_DOMAINS: '',
      LEAD_PARTNERS: '',
      SCRUTINEER: '',
      REPORT_YEAR_START_MONTH: ' ',
    });
    assert.equal(defaults.protectiveMarking, 'OFFICIAL-SENSITIVE');
    assert.equal(defaults.agencyDomains.size, 0);
    assert.deepEqual(defaults.yearlyReport, { leadPartners: [], scrutineer: undefined, yearStartMonth: 4 });
    const config = loadConfig({
      PROTECTIVE_MARKING: ' OFFICIAL ',
      AGENCY_DOMAINS: 'TVP.police.uk = Thames Valley Police; oxfordshire.gov.uk=Oxfordshire County Council;',
      LEAD_PARTNERS:
        'Oxfordshire County Council=Chief.Exec@oxfordshire.gov.uk; Thames Valley Police = cc@tvp.police.uk;Integrated Care Board=ceo@icb.nhs.uk',
      SCRUTINEER: 'Scrutineer@oscb.org.uk',
      REPORT_YEAR_START_MONTH: '9',
    });
    assert.equal(config.protectiveMarking, 'OFFICIAL');
    assert.deepEqual(
      [...config.agencyDomains],
      [
        ['tvp.police.uk', 'Thames Valley Police'],
        ['oxfordshire.gov.uk', 'Oxfordshire County Council'],
      ],
    );
    assert.deepEqual(config.yearlyReport, {
      leadPartners: [
        { agency: 'Oxfordshire County Council', upn: 'chief.exec@oxfordshire.gov.uk' },
        { agency: 'Thames Valley Police', upn: 'cc@tvp.police.uk' },
        { agency: 'Integrated Care Board', upn: 'ceo@icb.nhs.uk' },
      ],
      scrutineer: 'scrutineer@oscb.org.uk',
      yearStartMonth: 9,
    });
  });

  const badDocumentSettings: [string, Record<string, string>, RegExp][] = [
    ['a marking with markup', { PROTECTIVE_MARKING: '<b>SECRET</b>' }, /^PROTECTIVE_MARKING must be letters/],
    ['a marking too long', { PROTECTIVE_MARKING: 'A'.repeat(61) }, /^PROTECTIVE_MARKING must be at most 60/],
    [
      'a domain without a name',
      { AGENCY_DOMAINS: 'tvp.police.uk' },
      /^AGENCY_DOMAINS must be "domain=Agency name/,
    ],
    [
      'a name without a domain',
      { AGENCY_DOMAINS: 'police=Police' },
      /^AGENCY_DOMAINS must be "domain=Agency name/,
    ],
    [
      'a partner without an address',
      { LEAD_PARTNERS: 'Police=' },
      /^LEAD_PARTNERS must be "Agency=sign-in address/,
    ],
    [
      'a partner without an agency',
      { LEAD_PARTNERS: 'cc@tvp.police.uk' },
      /^LEAD_PARTNERS must be "Agency=sign-in/,
    ],
    ['a partner twice', { LEAD_PARTNERS: 'A=a@x.org; B=A@x.org' }, /^LEAD_PARTNERS lists a@x.org twice/],
    [
      'a scrutineer that is not an address',
      { SCRUTINEER: 'Jane Smith' },
      /^SCRUTINEER must be the independent/,
    ],
    ['month 13', { REPORT_YEAR_START_MONTH: '13' }, /^REPORT_YEAR_START_MONTH must be a month number/],
    ['month 0', { REPORT_YEAR_START_MONTH: '0' }, /^REPORT_YEAR_START_MONTH must be a month number/],
  ];
  for (const [name, environment, message] of badDocumentSettings) {
    it(`refuses ${name} at start, in one line naming the variable`, () => {
      const problems = problemsOf(environment);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0], message);
      assert.ok(!problems[0].includes('\n'));
    });
  }

  it('reads a blank PORT or LOCAL_STORAGE_PORT (as in a .env template) as unset, not as port 0', () => {
    const config = loadConfig({ PORT: '', LOCAL_STORAGE_PORT: ' ' });
    assert.equal(config.port, 3978);
    assert.deepEqual('embedded' in config.storage && config.storage.embedded.port, 10002);
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

  const OTHER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  const AZURE = { AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' };
  const credentialCases: [string, Record<string, string>, object | RegExp][] = [
    [
      "the Teams SDK's names as aliases",
      { CLIENT_ID: GUID, CLIENT_SECRET: 'secret', TENANT_ID: GUID },
      { appId: GUID, password: 'secret', tenantId: GUID },
    ],
    [
      "the project's names over the SDK's when both are set",
      { BOT_ID: GUID, CLIENT_ID: OTHER, BOT_PASSWORD: 'ours', CLIENT_SECRET: 'theirs', BOT_TENANT_ID: GUID },
      { appId: GUID, password: 'ours', tenantId: GUID },
    ],
    [
      'a managed identity instead of a secret (the same id: user-assigned)',
      { BOT_ID: GUID, BOT_TENANT_ID: GUID, BOT_MANAGED_IDENTITY_CLIENT_ID: GUID },
      { appId: GUID, tenantId: GUID, managedIdentityClientId: GUID },
    ],
    [
      'a federated credential from the system-assigned identity, by its SDK alias',
      { BOT_ID: GUID, BOT_TENANT_ID: GUID, MANAGED_IDENTITY_CLIENT_ID: 'system' },
      { appId: GUID, tenantId: GUID, managedIdentityClientId: 'system' },
    ],
    [
      'a managed identity that is not one',
      { BOT_ID: GUID, BOT_TENANT_ID: GUID, BOT_MANAGED_IDENTITY_CLIENT_ID: 'mine' },
      /^BOT_MANAGED_IDENTITY_CLIENT_ID must be "system" or the client id/,
    ],
    [
      'a secret and a managed identity at once',
      { BOT_ID: GUID, BOT_TENANT_ID: GUID, BOT_PASSWORD: 'secret', BOT_MANAGED_IDENTITY_CLIENT_ID: GUID },
      /^BOT_MANAGED_IDENTITY_CLIENT_ID cannot be set together with BOT_PASSWORD/,
    ],
    [
      'neither a secret nor a managed identity',
      { CLIENT_ID: GUID, TENANT_ID: GUID },
      /^BOT_PASSWORD is required/,
    ],
  ];
  for (const [name, env, expected] of credentialCases) {
    it(`reads credentials: ${name}`, () => {
      if (expected instanceof RegExp) {
        assert.throws(
          () => loadConfig({ ...AZURE, ...env }),
          (error: unknown) =>
            error instanceof ConfigError && error.problems.some((problem) => expected.test(problem)),
        );
        return;
      }
      assert.deepEqual(loadConfig({ ...AZURE, ...env }).credentials, expected);
    });
  }

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
    [
      'a bot id that is not a GUID',
      { BOT_ID: 'my-bot', BOT_PASSWORD: 'x', BOT_TENANT_ID: GUID, LOCAL_STORAGE: 'embedded' },
      /^BOT_ID /,
    ],
    [
      'a bot id without its password',
      { BOT_ID: GUID, BOT_TENANT_ID: GUID, LOCAL_STORAGE: 'embedded' },
      /^BOT_PASSWORD is required when BOT_ID/,
    ],
    [
      'a bot id without its tenant',
      { BOT_ID: GUID, BOT_PASSWORD: 'x', LOCAL_STORAGE: 'embedded' },
      /^BOT_TENANT_ID is required when BOT_ID/,
    ],
    ['an admin that is not an email', { BOARD_ADMINS: 'chair@oscb.example, the chair' }, /^BOARD_ADMINS /],
    // toLowerCase() would have turned the KELVIN SIGN into "k" and made this kate@oscb.example.
    ['an admin spelt with a KELVIN SIGN', { BOARD_ADMINS: '\u212Aate@oscb.example' }, /^BOARD_ADMINS /],
    ['a time zone that does not exist', { DIGEST_TZ: 'Europe/Oxford' }, /^DIGEST_TZ .*IANA/],
    ['a cron pattern that is not one', { DIGEST_CRON: 'every monday' }, /^DIGEST_CRON .*cron pattern/],
    ['stale days of zero', { STALE_DAYS: '0' }, /^STALE_DAYS /],
    [
      'an ESCALATE_TO that is not an address',
      { ESCALATE_TO: 'Beth Manager' },
      /^ESCALATE_TO must be one email address/,
    ],
    [
      'two addresses in ESCALATE_TO',
      { ESCALATE_TO: 'a@x.example,b@x.example' },
      /^ESCALATE_TO must be one email address/,
    ],
    [
      'ESCALATE_AFTER_DAYS below STALE_DAYS',
      { STALE_DAYS: '14', ESCALATE_AFTER_DAYS: '10' },
      /^ESCALATE_AFTER_DAYS must be at least STALE_DAYS \(14\)/,
    ],
    ['ESCALATE_AFTER_DAYS not a number', { ESCALATE_AFTER_DAYS: 'a month' }, /^ESCALATE_AFTER_DAYS /],
    ['a table prefix with a hyphen', { TABLE_PREFIX: 'oscb-test' }, /^TABLE_PREFIX /],
    ['a log level that does not exist', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL /],
    ['a schedule switch that is not on/off', { DIGEST_SCHEDULE: 'yes' }, /^DIGEST_SCHEDULE /],
    [
      'an account URL that is not https',
      { AZURE_STORAGE_ACCOUNT_URL: 'http://oscb.table.core.windows.net' },
      /^AZURE_STORAGE_ACCOUNT_URL must be an https/,
    ],
    [
      'an account URL that is not a URL',
      { AZURE_STORAGE_ACCOUNT_URL: 'oscb.table.core.windows.net' },
      /^AZURE_STORAGE_ACCOUNT_URL must be the table endpoint/,
    ],
    [
      'a local storage mode that does not exist',
      { LOCAL_STORAGE: 'disk' },
      /^LOCAL_STORAGE must be "embedded"/,
    ],
    [
      'both an account URL and a connection string',
      {
        AZURE_STORAGE_ACCOUNT_URL: ACCOUNT_URL,
        AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      },
      /^AZURE_STORAGE_ACCOUNT_URL and AZURE_STORAGE_CONNECTION_STRING are both set/,
    ],
    [
      'a connection string that is a pasted fragment',
      { AZURE_STORAGE_CONNECTION_STRING: 'garbage' },
      /^AZURE_STORAGE_CONNECTION_STRING must be a storage connection string/,
    ],
    [
      'embedded storage asked for alongside Azure storage',
      { LOCAL_STORAGE: 'embedded', AZURE_STORAGE_ACCOUNT_URL: ACCOUNT_URL },
      /^LOCAL_STORAGE is "embedded" while AZURE_STORAGE_ACCOUNT_URL is set too/,
    ],
    [
      'an upload host with a scheme',
      { UPLOAD_HOSTS: 'https://x.sharepoint.com' },
      /^UPLOAD_HOSTS must be host names/,
    ],
    [
      'an upload wildcard for a whole top-level domain',
      { UPLOAD_HOSTS: '*.com' },
      /^UPLOAD_HOSTS must be host names/,
    ],
    [
      'an upload host with a path',
      { UPLOAD_HOSTS: '*.sharepoint.com/x' },
      /^UPLOAD_HOSTS must be host names/,
    ],
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

  it('stops `npm start` with a bad escalation setting in one line naming it', async () => {
    const main = path.join(repoRoot, 'dist', 'bot', 'main.js');
    const failure = await promisify(execFile)(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', STALE_DAYS: '14', ESCALATE_AFTER_DAYS: '10' },
      cwd: os.tmpdir(),
    }).then(
      () => assert.fail('the bot started with a bad configuration'),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(failure.code, 1);
    assert.deepEqual(
      failure.stderr.trim().split('\n').length,
      1,
      `one line, not a stack trace: ${failure.stderr}`,
    );
    assert.match(failure.stderr, /ESCALATE_AFTER_DAYS must be at least STALE_DAYS \(14\)/);
  });

  describe('storage in production', () => {
    it('refuses to start without Azure storage when BOT_ID is set, naming the variables', () => {
      const problems = problemsOf(PRODUCTION);
      assert.equal(problems.length, 1, problems.join('; '));
      assert.match(
        problems[0],
        /^AZURE_STORAGE_ACCOUNT_URL or AZURE_STORAGE_CONNECTION_STRING is required when BOT_ID is set .*LOCAL_STORAGE=embedded/,
      );
    });

    it('takes AZURE_STORAGE_ACCOUNT_URL and builds clients that sign in with an Entra identity, offline', () => {
      const config = loadConfig({
        ...PRODUCTION,
        AZURE_STORAGE_ACCOUNT_URL: ACCOUNT_URL,
        TABLE_PREFIX: 'oscb',
      });
      assert.deepEqual(config.storage, { accountUrl: ACCOUNT_URL });
      assert.ok('accountUrl' in config.storage);
      const tables = azureTableClients(config.storage, config.tablePrefix);
      for (const client of Object.values(tables)) {
        assert.equal(client.url, ACCOUNT_URL);
        assert.match(client.tableName, /^oscb/);
        const policies = client.pipeline.getOrderedPolicies().map((policy) => policy.name);
        assert.ok(policies.includes('bearerTokenAuthenticationPolicy'), policies.join(', '));
      }
      assert.ok(
        (tables.planStatus as unknown as { credential: unknown }).credential instanceof
          DefaultAzureCredential,
      );
    });

    it('keeps connection strings (account key, SAS) working', () => {
      const config = loadConfig({
        ...PRODUCTION,
        AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      });
      assert.deepEqual(config.storage, { connectionString: 'UseDevelopmentStorage=true' });
    });

    it('runs embedded storage in production only when LOCAL_STORAGE=embedded says so', () => {
      const config = loadConfig({ ...PRODUCTION, LOCAL_STORAGE: 'embedded', LOCAL_STORAGE_DIR: '/var/oscb' });
      assert.deepEqual(config.storage, { embedded: { directory: '/var/oscb', port: 10002 } });
    });

    it('stops `npm start` in production without storage before starting any embedded store', async () => {
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-production-'));
      try {
        const failure = await promisify(execFile)(
          process.execPath,
          [path.join(repoRoot, 'dist', 'bot', 'main.js')],
          {
            env: { PATH: process.env.PATH ?? '', ...PRODUCTION },
            cwd: workDir,
          },
        ).then(
          () => assert.fail('the bot started without storage in production'),
          (error: { code: number; stderr: string }) => error,
        );
        assert.equal(failure.code, 1);
        assert.match(
          failure.stderr,
          /AZURE_STORAGE_ACCOUNT_URL or AZURE_STORAGE_CONNECTION_STRING is required/,
        );
        assert.deepEqual(fs.readdirSync(workDir), [], 'no embedded store was created');
      } finally {
        fs.rmSync(workDir, { recursive: true, force: true });
      }
    });
  });
});

describe('escalation settings', () => {
  it('default to twice STALE_DAYS and every board admin', () => {
    const config = loadConfig({ STALE_DAYS: '10', BOARD_ADMINS: 'a@x.example,B@x.example' });
    assert.deepEqual(config.escalation, { afterDays: 20, to: ['a@x.example', 'b@x.example'] });
  });
  it('ESCALATE_TO names the business manager alone', () => {
    const config = loadConfig({ BOARD_ADMINS: 'a@x.example', ESCALATE_TO: ' Beth.Manager@OSCB.example ' });
    assert.deepEqual(config.escalation, { afterDays: 28, to: ['beth.manager@oscb.example'] });
  });
});

describe('whole-number settings', () => {
  const settings: [name: string, range: string][] = [
    ['STALE_DAYS', 'from 1 to 365'],
    ['ESCALATE_AFTER_DAYS', 'from 1 to 730'],
    ['REPORT_YEAR_START_MONTH', 'a month number, 1 to 12'],
    ['DIGEST_LEASE_SECONDS', 'from 1 to 3600'],
    ['TEAMS_SEND_TIMEOUT_SECONDS', 'from 1 to 120'],
    ['TURN_ANSWER_SECONDS', 'from 1 to 14'],
    ['STOP_DEADLINE_SECONDS', 'from 1 to 300'],
    ['PORT', 'a port number from 0 to 65535'],
    ['LOCAL_STORAGE_PORT', 'a port number from 0 to 65535'],
  ];
  const bad = ['0x1E', '1e2', 'abc', '-5', '+5', '1.5', '1_0', '10 days', 'Infinity', '99999999999'];
  for (const [name, range] of settings)
    for (const value of bad)
      it(`refuses ${name}=${value} in one polite line naming the setting`, () => {
        const problems = problemsOf({ [name]: value });
        assert.equal(problems.length, 1, problems.join('\n'));
        assert.equal(
          problems[0],
          `${name} must be ${range.startsWith('a ') ? range : `a whole number ${range}`} (got "${value}")`,
        );
      });

  it('takes plain decimal digits, trimmed, and a blank value as unset', () => {
    const config = loadConfig({
      STALE_DAYS: ' 21 ',
      ESCALATE_AFTER_DAYS: '030',
      REPORT_YEAR_START_MONTH: '',
    });
    assert.equal(config.staleDays, 21);
    assert.equal(config.escalation.afterDays, 30);
    assert.equal(loadConfig({ ESCALATE_AFTER_DAYS: ' ' }).escalation.afterDays, 28);
  });
});
