import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { StatusService } from '../../app/status-service';
import { allActions } from '../../domain/plan-lookup';
import { loadPlan } from '../../plan/load-plan';
import { azuriteConnectionString, freePort } from '../../storage/azurite-process';
import { TableStatusStore } from '../../storage/status-repository';
import { createTableClients, ensureTables } from '../../storage/table-clients';
import { repoRoot, shippedPlanFile } from '../../scripts/support/repo-paths';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';
import { readXlsx } from '../support/xlsx-reader';

const script = path.join(repoRoot, 'dist', 'scripts', 'board-pack.js');
const plan = loadPlan(shippedPlanFile);
const ADMIN = { name: 'Board Admin', email: 'admin@oscb.example.org' };
const OWNER = { name: 'Jane Smith', email: 'jane.smith@health.example.org' };

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runScript(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  const inherited = { ...process.env };
  for (const name of Object.keys(inherited)) {
    if (/^(AZURE_STORAGE_|TABLE_PREFIX|LOCAL_STORAGE_|BOT_|npm_config_)/.test(name)) delete inherited[name];
  }
  return new Promise((resolve, reject) => {
    // From a temp folder, so a developer's .env cannot change the outcome.
    const child = spawn(process.execPath, [script, ...args], { cwd, env: { ...inherited, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A quarter of updates on 5.1 with one before it and one after it, and one on 2.3 before the quarter. */
async function seed(connectionString: string, prefix: string): Promise<void> {
  const tables = createTableClients(connectionString, prefix);
  await ensureTables(tables);
  let now = new Date('2026-01-05T09:00:00Z');
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
  for (const [when, actionId, ragWord, note] of [
    ['2025-12-15T09:00:00Z', '2.3', 'amber', 'Before the quarter'],
    ['2026-01-10T09:00:00Z', '5.1', 'amber', 'Audit booked & agreed <b>not bold</b>'],
    ['2026-02-10T09:00:00Z', '5.1', 'red', 'Audit postponed'],
    ['2026-03-31T21:30:00Z', '5.1', 'amber', 'Latest in the quarter: audit rebooked'],
    ['2026-04-10T09:00:00Z', '5.1', 'green', 'After the quarter'],
  ] as const) {
    now = new Date(when);
    assert.equal(
      (await service.updateStatus({ actionId, ragWord, note, by: actionId === '5.1' ? OWNER : ADMIN })).kind,
      'saved',
    );
  }
}

describe('npm run board-pack', function () {
  this.timeout(120_000);
  let workDir: string;
  let env: Record<string, string>;

  before(async () => {
    const azurite = await sharedAzurite();
    const prefix = uniqueTablePrefix();
    await seed(azurite.connectionString, prefix);
    env = {
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      TABLE_PREFIX: prefix,
      PLAN_FILE: shippedPlanFile,
      LOG_LEVEL: 'silent',
    };
  });

  beforeEach(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-pack-'));
  });

  afterEach(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  describe('a quarter as at its last day', () => {
    let run: Run;
    let docxText: string;
    let sheets: Awaited<ReturnType<typeof readXlsx>>;

    let modes: number[] = [];
    before(async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-pack-q-'));
      run = await runScript(
        [
          '--from',
          '2026-01-01',
          '--to',
          '2026-03-31',
          '--as-at',
          '2026-03-31',
          '--out',
          path.join(dir, 'packs'),
        ],
        env,
        dir,
      );
      assert.equal(run.status, 0, run.stderr);
      const docx = path.join(dir, 'packs', 'OSCB board pack 2026-03-31.docx');
      const xlsx = path.join(dir, 'packs', 'OSCB board pack 2026-03-31.xlsx');
      docxText = (await mammoth.extractRawText({ path: docx })).value;
      sheets = await readXlsx(fs.readFileSync(xlsx));
      modes = [path.join(dir, 'packs'), docx, xlsx].map((where) => fs.statSync(where).mode & 0o777);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('writes the files only its owner can read: 0600 in a new 0700 folder', () => {
      assert.deepEqual(modes, [0o700, 0o600, 0o600]);
    });

    it('prints both paths and a one-line summary', () => {
      const lines = run.stdout.trim().split('\n');
      assert.equal(lines.length, 3, run.stdout);
      assert.match(lines[0], /packs\/OSCB board pack 2026-03-31\.docx$/);
      assert.match(lines[1], /packs\/OSCB board pack 2026-03-31\.xlsx$/);
      assert.match(
        lines[2],
        /^Board pack as at 31 Mar 2026, 1 Jan 2026 to 31 Mar 2026: Not started \d+, Red 0, Amber 2, Green 0, Complete 0; \d+ exceptions; 4 changes in the period\.$/,
      );
    });

    it('the Word report holds every priority and action, and 5.1 as it stood, never what came after', () => {
      for (const priority of plan.priorities) assert.ok(docxText.includes(priority.title), priority.title);
      for (const action of allActions(plan)) assert.ok(docxText.includes(action.id), action.id);
      assert.ok(docxText.includes('Latest in the quarter: audit rebooked'));
      assert.ok(docxText.includes('Audit booked & agreed <b>not bold</b>'), 'user text stays text');
      assert.ok(!docxText.includes('After the quarter'));
      assert.match(docxText, /Exception report/);
    });

    it("the workbook's Changes are the period's, oldest first, and nothing outside it", () => {
      const changes = sheets.find((sheet) => sheet.name === 'Changes');
      assert.ok(changes);
      const text = changes.rows.slice(1).map((row) => row.join(' | '));
      assert.equal(text.length, 4, text.join('\n'));
      assert.match(text[0], /Owner set to jane\.smith@health\.example\.org/);
      assert.match(text[1], /Audit booked/);
      assert.match(text[2], /Audit postponed/);
      assert.match(text[3], /Latest in the quarter/);
      const all = sheets.map((sheet) => sheet.rows.flat().join(' ')).join(' ');
      assert.ok(!all.includes('After the quarter'));
      assert.ok(!text.join(' ').includes('Before the quarter'));
      const actions = sheets.find((sheet) => sheet.name === 'Actions');
      const row51 = actions?.rows.find((row) => row[0] === '5.1');
      assert.ok(row51?.includes('Jane Smith (health.example.org)'), 'the owner by name and organisation');
      assert.ok(row51?.includes('Latest in the quarter: audit rebooked'));
    });
  });

  for (const [name, args, message] of [
    ['a date that is not a date', ['--from', '2026-02-30', '--out', 'x'], /Not a date: --from "2026-02-30"/],
    ['a date in another form', ['--as-at', '31/03/2026', '--out', 'x'], /Not a date: --as-at "31\/03\/2026"/],
    ['an unknown flag', ['--form', '2026-01-01', '--out', 'x'], /Unknown option '--form'/],
    ['no --out', ['--from', '2026-01-01'], /^Usage: npm run board-pack/m],
  ] as const) {
    it(`refuses ${name} (exit 2, nothing written)`, async () => {
      const result = await runScript([...args], env, workDir);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
      assert.deepEqual(fs.readdirSync(workDir), []);
    });
  }

  for (const [name, args, message] of [
    ['a period that ends before it starts', ['--from', '2026-03-31', '--to', '2026-01-01'], /after it ends/],
    ['an as-at after today', ['--as-at', '2099-01-01'], /ahead|after today/],
    ['a period ending after the as-at', ['--to', '2026-04-30', '--as-at', '2026-03-31'], /after the as-at/],
  ] as const) {
    it(`refuses ${name} (exit 1, nothing written)`, async () => {
      const result = await runScript([...args, '--out', 'packs'], env, workDir);
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, /^No board pack: /m);
      assert.match(result.stderr, message);
      assert.deepEqual(fs.readdirSync(workDir), []);
    });
  }

  it('says so in one line when the --out folder cannot be written (exit 1)', async () => {
    const result = await runScript(['--out', '/etc/hostname/packs'], env, workDir);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /^No board pack: cannot write to \/etc\/hostname\/packs \(ENOTDIR\)/m);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(result.stdout, '');
  });

  it('says so when the storage cannot be reached (exit 1)', async () => {
    const closed = azuriteConnectionString('127.0.0.1', await freePort());
    const result = await runScript(
      ['--out', 'packs'],
      { ...env, AZURE_STORAGE_CONNECTION_STRING: closed },
      workDir,
    );
    assert.equal(result.status, 1, result.stderr);
    assert.match(
      result.stderr,
      /cannot open the plan store at AZURE_STORAGE_CONNECTION_STRING .*ECONNREFUSED/,
    );
    assert.deepEqual(fs.readdirSync(workDir), []);
  });
});
