import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { StatusService } from '../../app/status-service';
import { loadPlan } from '../../plan/load-plan';
import { TableStatusStore } from '../../storage/status-repository';
import { TableYearlyReportLedger } from '../../storage/yearly-report-ledger';
import { createTableClients, ensureTables } from '../../storage/table-clients';
import { repoRoot, shippedPlanFile } from '../../scripts/support/repo-paths';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';
import { readZipEntries } from '../support/zip-entries';

const script = path.join(repoRoot, 'dist', 'scripts', 'yearly-report.js');
const plan = loadPlan(shippedPlanFile);
const ADMIN = { name: 'Board Admin', email: 'admin@oscb.example.org' };
const OWNER = { name: 'Dana Lee', email: 'dana.lee@tvp.police.uk' };

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runScript(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  const inherited = { ...process.env };
  for (const name of Object.keys(inherited)) {
    if (
      /^(AZURE_STORAGE_|TABLE_PREFIX|LOCAL_STORAGE_|BOT_|LEAD_|SCRUTINEER|AGENCY_|PROTECTIVE_|REPORT_|npm_config_)/.test(
        name,
      )
    )
      delete inherited[name];
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env: { ...inherited, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Updates around the edges of 2025-26 in UK time (BST on 31 March 2026 and 1 April 2025). */
async function seed(connectionString: string, prefix: string): Promise<void> {
  const tables = createTableClients(connectionString, prefix);
  await ensureTables(tables);
  let now = new Date('2025-03-01T09:00:00Z');
  const service = new StatusService(
    plan,
    new TableStatusStore(tables.planStatus, plan.id),
    [ADMIN.email],
    () => now,
  );
  assert.equal(
    (await service.assignOwner({ actionId: '5.1', ownerEmail: OWNER.email, by: ADMIN })).kind,
    'assigned',
  );
  const updates: [string, string, string, string, string?][] = [
    ['2025-03-31T22:59:00Z', '5.1', 'red', 'Before the year: 23:59 on 31 March 2025'],
    ['2025-03-31T23:00:00Z', '5.1', 'amber', 'First of the year: 00:00 on 1 April 2025'],
    [
      '2025-09-10T09:00:00Z',
      '6.1',
      'amber',
      'Training themes built in',
      'Practitioners apply the neglect themes',
    ],
    [
      '2026-03-31T22:59:00Z',
      '5.1',
      'green',
      'Last of the year: 23:59 on 31 March 2026',
      'Audits show earlier help',
    ],
    ['2026-03-31T23:00:00Z', '5.1', 'complete', 'After the year: 00:00 on 1 April 2026'],
  ];
  for (const [when, actionId, ragWord, note, impact] of updates) {
    now = new Date(when);
    const by = actionId === '5.1' ? OWNER : ADMIN;
    const details = impact ? { impact } : undefined;
    const outcome = await service.updateStatus({
      actionId,
      ragWord,
      note,
      by,
      ...(details ? { details } : {}),
    });
    assert.equal(outcome.kind, 'saved', `${when} ${actionId}`);
  }
}

describe('npm run yearly-report', function () {
  this.timeout(120_000);
  let env: Record<string, string>;
  let workDir: string;

  before(async () => {
    const azurite = await sharedAzurite();
    const prefix = uniqueTablePrefix();
    await seed(azurite.connectionString, prefix);
    env = {
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      TABLE_PREFIX: prefix,
      PLAN_FILE: shippedPlanFile,
      LOG_LEVEL: 'silent',
      LEAD_PARTNERS:
        'Oxfordshire County Council=ceo@oxfordshire.gov.uk; Thames Valley Police=cc@tvp.police.uk; Integrated Care Board=ceo@icb.nhs.uk',
      SCRUTINEER: 'scrutineer@oscb.org.uk',
      AGENCY_DOMAINS: 'tvp.police.uk=Thames Valley Police',
    };
  });

  beforeEach(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-yearly-'));
  });
  afterEach(() => fs.rmSync(workDir, { recursive: true, force: true }));

  describe('a year that is over', () => {
    let run: Run;
    let text: string;
    let documentXml: string;
    let again: string;
    let secondStdout: string;
    let modes: number[] = [];
    let overwrittenMode = 0;

    before(async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-yearly-y-'));
      // Logging on, as an operator runs it, so that any warning it prints is seen.
      run = await runScript(
        ['--year', '2025-26', '--out', path.join(dir, 'out')],
        { ...env, LOG_LEVEL: 'info' },
        dir,
      );
      assert.equal(run.status, 0, run.stderr);
      const file = path.join(dir, 'out', 'OSCB yearly report 2025-26.docx');
      modes = [path.join(dir, 'out'), file].map((where) => fs.statSync(where).mode & 0o777);
      text = (await mammoth.extractRawText({ path: file })).value;
      documentXml = await partOf(fs.readFileSync(file), 'word/document.xml');
      // A report left by an earlier run, readable by all: written over, as board-pack does, and made private.
      const stale = path.join(dir, 'again', 'OSCB yearly report 2025-26.docx');
      fs.mkdirSync(path.dirname(stale), { mode: 0o755 });
      fs.writeFileSync(stale, 'an earlier run', { mode: 0o644 });
      fs.chmodSync(stale, 0o644);
      const second = await runScript(['--year', '2025/26', '--out', path.join(dir, 'again')], env, dir);
      assert.equal(second.status, 0, second.stderr);
      secondStdout = second.stdout;
      overwrittenMode = fs.statSync(stale).mode & 0o777;
      again = await partOf(fs.readFileSync(stale), 'word/document.xml');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('writes the file only its owner can read: 0600 in a new 0700 folder', () => {
      assert.deepEqual(modes, [0o700, 0o600]);
    });

    it('writes over a report an earlier run left, as board-pack does, and makes it 0600', () => {
      assert.equal(overwrittenMode, 0o600);
      assert.ok(again.includes('7. Sign-off'));
    });

    it('prints no warning about inbound authentication: a command-line job never listens', () => {
      assert.doesNotMatch(run.stderr, /BOT_ID is not set|WITHOUT inbound authentication/);
      assert.doesNotMatch(run.stderr, /nauthenticated|No credentials configured/);
      assert.doesNotMatch(run.stderr, /"level":\s*(40|"warn")/);
    });

    it('prints the path and a one-line summary', () => {
      const lines = run.stdout.trim().split('\n');
      assert.equal(lines.length, 2, run.stdout);
      assert.match(lines[0], /out\/OSCB yearly report 2025-26\.docx$/);
      assert.match(
        lines[1],
        /^Yearly report 2025-26 as at 31 Mar 2026: 2 impact statements, 14 actions with no impact recorded/,
      );
    });

    it('holds the year from 1 April to 31 March in UK time, no more and no less', () => {
      assert.ok(text.includes('First of the year: 00:00 on 1 April 2025'));
      assert.ok(text.includes('Last of the year: 23:59 on 31 March 2026'));
      assert.ok(!text.includes('Before the year'));
      assert.ok(!text.includes('After the year'));
      assert.ok(!/\bDRAFT\b/.test(text), 'a finished year is no draft');
    });

    it('has the seven sections, the partners and the scrutineer', () => {
      let from = 0;
      for (const heading of [
        '1. The partnership',
        '2. Progress against each priority',
        '3. Evidence of impact',
        '4. Where there has been little or no progress',
        '5. Learning from reviews',
        '6. Next year',
        '7. Sign-off',
      ]) {
        const at = text.indexOf(heading, from);
        assert.ok(at >= 0, heading);
        from = at;
      }
      for (const agency of ['Oxfordshire County Council', 'Thames Valley Police', 'Integrated Care Board'])
        assert.ok(text.includes(agency), agency);
      assert.ok(text.includes('Independent scrutineer: scrutineer@oscb.org.uk.'));
      assert.ok(text.includes('Dana Lee (Thames Valley Police)'));
    });

    it('says plainly how many actions recorded no impact, listing them', () => {
      assert.match(text, /14 of 16 actions recorded no impact in the year: 1\.1 /);
      assert.ok(text.includes('Audits show earlier help'));
      assert.ok(text.includes('Practitioners apply the neglect themes'));
    });

    it('lists the learning-from-reviews actions from the plan file, and little progress with "none recorded"', () => {
      const learning = text.slice(
        text.lastIndexOf('5. Learning from reviews'),
        text.lastIndexOf('6. Next year'),
      );
      assert.ok(learning.includes('6.1 Co-ordinated training workstream with impact'));
      assert.ok(learning.includes('6.2 Learning and improvement comms workstream'));
      const little = text.slice(text.lastIndexOf('4. Where there has been'), text.lastIndexOf('5. Learning'));
      assert.ok(little.includes('never updated'));
      assert.ok(little.includes('none recorded'));
    });

    it('is the same report, with the same content fingerprint, when built again for the same as-at', () => {
      assert.equal(again, documentXml);
      const fingerprint = /content fingerprint ([0-9a-f]{16})\.$/m.exec(run.stdout)?.[1];
      assert.ok(fingerprint, run.stdout);
      assert.equal(/content fingerprint ([0-9a-f]{16})\.$/m.exec(secondStdout)?.[1], fingerprint);
      assert.ok(documentXml.includes(`Content fingerprint ${fingerprint}`));
    });
  });

  it('marks a running year DRAFT on every page, as at today', async () => {
    const year = new Date().getUTCFullYear() - (new Date().getUTCMonth() < 3 ? 1 : 0);
    const label = `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
    const result = await runScript(['--year', label, '--out', 'out'], env, workDir);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /DRAFT/);
    const file = fs.readFileSync(path.join(workDir, 'out', `OSCB yearly report ${label} DRAFT.docx`));
    const entries = await readZipEntries(file);
    const headers = entries.filter((entry) => /^word\/header\d*\.xml$/.test(entry.name));
    assert.ok(headers.length > 0);
    for (const header of headers) assert.match(header.data.toString('utf8'), />\s*DRAFT</);
  });

  for (const [name, args, message] of [
    ['a year that is not one', ['--year', '2026', '--out', 'x'], /"2026" is not a year/],
    ['years that do not follow', ['--year', '2026-28', '--out', 'x'], /not one year after another/],
    ['a year before 2000', ['--year', '1999-00', '--out', 'x'], /between 2000-01 and 2099-00/],
    ['a year after 2100', ['--year', '2100-01', '--out', 'x'], /between 2000-01 and 2099-00/],
    ['an unknown flag', ['--yaer', '2026-27', '--out', 'x'], /Unknown option '--yaer'/],
    ['no --year', ['--out', 'x'], /^Usage: npm run yearly-report/m],
    ['no --out', ['--year', '2026-27'], /^Usage: npm run yearly-report/m],
  ] as const) {
    it(`refuses ${name} (exit 2, nothing written)`, async () => {
      const result = await runScript([...args], env, workDir);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
      assert.deepEqual(fs.readdirSync(workDir), []);
    });
  }

  it('refuses a year not yet begun (exit 1, nothing written)', async () => {
    const result = await runScript(['--year', '2099-00', '--out', 'out'], env, workDir);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /^No yearly report: The year 2099-00 has not begun/m);
    assert.deepEqual(fs.readdirSync(workDir), []);
  });

  it('refuses bad LEAD_PARTNERS at start in one line (exit 1)', async () => {
    const result = await runScript(
      ['--year', '2025-26', '--out', 'out'],
      { ...env, LEAD_PARTNERS: 'Police' },
      workDir,
    );
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /LEAD_PARTNERS must be "Agency=sign-in address/);
    assert.deepEqual(fs.readdirSync(workDir), []);
  });

  it("shows the partners' sign-offs and the scrutineer's comments recorded in the store (section 7)", async () => {
    const first = await runScript(['--year', '2025-26', '--out', 'one'], env, workDir);
    assert.equal(first.status, 0, first.stderr);
    const fingerprint = /content fingerprint ([0-9a-f]{16})\.$/m.exec(first.stdout)?.[1] ?? '';
    const ledger = new TableYearlyReportLedger(
      createTableClients(env.AZURE_STORAGE_CONNECTION_STRING, env.TABLE_PREFIX).boardPacks,
    );
    const base = { year: '2025-26', draft: false, asAt: '2026-03-31T22:59:59.999Z' };
    await ledger.recordSignOff({
      ...base,
      fingerprint,
      agency: 'Thames Valley Police',
      byName: 'Colin Chief',
      byEmail: 'cc@tvp.police.uk',
      at: '2026-05-01T09:00:00.000Z',
    });
    await ledger.recordSignOff({
      ...base,
      fingerprint: 'ffffffffffffffff',
      agency: 'Integrated Care Board',
      byName: 'Ivy Board',
      byEmail: 'ceo@icb.nhs.uk',
      at: '2026-04-20T09:00:00.000Z',
    });
    await ledger.recordComment({
      year: '2025-26',
      at: '2026-05-02T09:00:00.000Z',
      byName: 'Sam Scrutineer',
      byEmail: 'scrutineer@oscb.org.uk',
      text: 'Impact evidence is thin for priority 4.',
    });
    const second = await runScript(['--year', '2025-26', '--out', 'two'], env, workDir);
    assert.equal(second.status, 0, second.stderr);
    assert.ok(second.stdout.includes(`content fingerprint ${fingerprint}.`), 'a sign-off is not content');
    const file = fs.readFileSync(path.join(workDir, 'two', 'OSCB yearly report 2025-26.docx'));
    const { value } = await mammoth.extractRawText({ buffer: file });
    assert.match(value, new RegExp(`Signed by Colin Chief on .* for this content \\(${fingerprint}\\)\\.`));
    assert.match(value, /Signed by Ivy Board on .* for an earlier version \(ffffffffffffffff\)/);
    assert.match(value, /Not yet signed/);
    assert.match(value, /Comments from the independent scrutineer/);
    assert.match(value, /Impact evidence is thin for priority 4\./);
  });
});

async function partOf(file: Buffer, name: string): Promise<string> {
  return (await readZipEntries(file)).find((entry) => entry.name === name)?.data.toString('utf8') ?? '';
}
