import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StatusService } from '../../app/status-service';
import { loadPlan } from '../../plan/load-plan';
import {
  startAzurite,
  freePort,
  azuriteConnectionString,
  type AzuriteProcess,
} from '../../storage/azurite-process';
import {
  TableBoardChannelStore,
  TableDigestLedger,
  TableReminderLedger,
} from '../../storage/digest-repositories';
import { TableYearlyReportLedger } from '../../storage/yearly-report-ledger';
import { TableEscalationLedger } from '../../storage/escalation-ledger';
import { TableBoardPackLedger } from '../../storage/board-pack-ledger';
import { TablePeopleStore } from '../../storage/people-repository';
import { TableStatusStore } from '../../storage/status-repository';
import {
  createTableClients,
  ensureTables,
  TABLE_NAMES,
  type TableClients,
} from '../../storage/table-clients';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';
import { FaultProxy } from '../support/fault-proxy';
import { repoRoot, shippedPlanFile } from '../../scripts/support/repo-paths';

const exportScript = path.join(repoRoot, 'dist', 'scripts', 'export.js');
const importScript = path.join(repoRoot, 'dist', 'scripts', 'import.js');

const ADMIN = { name: 'Board Admin', email: 'admin@oscb.example.org' };
const CHANNEL = '19:board-general@thread.tacv2';

/** Every EDM type, and the values a careless copy gets wrong. */
const EVERY_TYPE_ROW = {
  partitionKey: 'edm',
  rowKey: 'every type',
  text: 'Line one\nline two, "quoted" — ünïcødé ✓',
  empty: '',
  flag: true,
  off: false,
  count: 42,
  negative: -2147483648,
  wholeDouble: { value: 2, type: 'Double' as const },
  fraction: 0.1,
  huge: 1e300,
  notANumber: { value: 'NaN', type: 'Double' as const },
  minusInfinity: { value: '-Infinity', type: 'Double' as const },
  big: { value: '-9223372036854775808', type: 'Int64' as const },
  when: { value: '2026-11-30T09:15:42.1234567Z', type: 'DateTime' as const },
  bytes: Buffer.from([0, 1, 2, 253, 254, 255]),
  id: { value: 'c8a1e6b4-8c1f-4d7e-9b1a-2f3e4d5c6b7a', type: 'Guid' as const },
};

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runScript(script: string, args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  const inherited = { ...process.env };
  for (const name of Object.keys(inherited)) {
    if (/^(AZURE_STORAGE_|TABLE_PREFIX|LOCAL_STORAGE_|BOT_)/.test(name)) delete inherited[name];
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

/** Each row as the SDK reads it with its types, without the service's Timestamp and ETag. */
async function typedRows(tables: TableClients): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const [name, client] of Object.entries(tables)) {
    result[name] = [];
    for await (const entity of client.listEntities({ disableTypeConversion: true })) {
      const row: Record<string, unknown> = { ...entity };
      delete row.etag;
      delete row.timestamp;
      result[name].push(row);
    }
  }
  return result;
}

async function seed(tables: TableClients): Promise<void> {
  const plan = loadPlan(shippedPlanFile);
  let now = new Date(Date.UTC(2026, 10, 2, 9));
  const service = new StatusService(
    plan,
    new TableStatusStore(tables.planStatus, plan.id),
    [ADMIN.email],
    () => now,
  );
  const owner = { name: 'Jane Smith', email: 'jane.smith@health.example.org' };
  assert.equal(
    (await service.assignOwner({ actionId: '5.1', ownerEmail: owner.email, by: ADMIN })).kind,
    'assigned',
  );
  for (const [day, ragWord, note] of [
    [3, 'amber', 'Audit booked; "quotes", commas, and a\nnew line'],
    [10, 'red', 'Audit postponed'],
    [17, 'green', 'Audit done ✓'],
  ] as const) {
    now = new Date(Date.UTC(2026, 10, day, 9));
    assert.equal((await service.updateStatus({ actionId: '5.1', ragWord, note, by: owner })).kind, 'saved');
  }
  assert.equal(
    (await service.updateStatus({ actionId: '2.3', ragWord: 'amber', note: 'Started', by: ADMIN })).kind,
    'saved',
  );

  await new TablePeopleStore(tables.people).remember({
    email: owner.email,
    name: owner.name,
    teamsUserId: '29:1a2b3c',
    aadObjectId: '4f2d9c1e-7b3a-4e5f-8a9b-0c1d2e3f4a5b',
    personalConversation: { conversation: { id: 'a:1x2y' }, serviceUrl: 'https://smba.example/emea/' },
    lastSeenAt: '2026-11-17T09:00:00.000Z',
  });
  const channels = new TableBoardChannelStore(tables.conversations);
  await channels.set({
    conversationId: CHANNEL,
    reference: { a: 1 },
    active: true,
    setAt: '2026-11-01T10:00:00.000Z',
    setBy: ADMIN.email,
  });
  await channels.markInactive(CHANNEL, 'bot removed', '2026-11-20T10:00:00.000Z');
  const ledger = new TableDigestLedger(tables.digests);
  const claim = await ledger.claimWeek(
    CHANNEL,
    '2026-W47',
    'instance-a',
    new Date('2026-11-16T09:00:00.000Z'),
    60_000,
  );
  assert.equal(claim.kind, 'claimed');
  await ledger.recordPosted(
    CHANNEL,
    {
      week: '2026-W47',
      postedAt: '2026-11-16T09:00:05.000Z',
      activityId: '1:abc',
      snapshot: '{"5.1":"green"}',
    },
    false,
  );
  await new TableReminderLedger(tables.reminders).recordReminded(
    owner.email,
    '5.1',
    '2026-11-16T09:01:00.000Z',
  );
  await new TableBoardPackLedger(tables.boardPacks).record({
    issuedAt: '2026-11-17T10:00:00.000Z',
    byName: ADMIN.name,
    byEmail: ADMIN.email,
    asAt: '2026-11-17T10:00:00.000Z',
    from: '2026-11-01',
    to: '2026-11-17',
    format: 'docx',
    fileName: 'OSCB board pack 2026-11-17.docx',
  });
  // The yearly report's append-only rows: a sign-off and a comment (each with its delivery), a notice.
  const yearly = new TableYearlyReportLedger(tables.boardPacks);
  const signOff = {
    year: '2026-27',
    fingerprint: '0123456789abcdef',
    draft: true,
    asAt: '2026-11-17T10:00:00.000Z',
    agency: 'Thames Valley Police',
    byName: 'Dana Lee',
    byEmail: 'dana.lee@tvp.example',
    byAadObjectId: '5b7f0c55-3f0e-4f54-9d0e-1f2a3b4c5d6e',
    at: '2026-11-17T10:05:00.000Z',
  };
  assert.equal((await yearly.recordSignOff(signOff, 'a:personal|sign-1')).kind, 'recorded');
  const comment = {
    year: '2026-27',
    at: '2026-11-17T11:00:00.000Z',
    byName: 'Sam Scrutineer',
    byEmail: 'sam@scrutiny.example',
    text: 'Impact evidence is thin for priority 4.',
  };
  assert.equal((await yearly.recordComment(comment, 'a:personal|comment-1')).kind, 'recorded');
  assert.equal(
    await yearly.claimEarlierVersionNotice(signOff, new Date('2026-11-18T09:00:00Z'), 600_000),
    true,
  );
  await yearly.recordEarlierVersionNoticeTold(signOff, new Date('2026-11-18T09:00:01Z'));
  const escalations = new TableEscalationLedger(tables.escalations);
  await escalations.planStart('2026-10-05T08:00:00.000Z');
  await escalations.claim(
    {
      actionId: '5.1',
      week: '2026-W45',
      at: '2026-11-02T09:00:00.000Z',
      silentSince: '2026-10-05T08:00:00.000Z',
    },
    60_000,
  );
  await escalations.recordTold('5.1', '2026-W45', [{ email: ADMIN.email, name: ADMIN.name }]);
  await tables.people.createEntity(EVERY_TYPE_ROW);
}

describe('npm run export / npm run import', function () {
  this.timeout(120_000);
  let workDir: string;
  let source: { connectionString: string; prefix: string; tables: TableClients };

  before(async () => {
    const azurite = await sharedAzurite();
    const prefix = uniqueTablePrefix();
    const tables = createTableClients(azurite.connectionString, prefix);
    await ensureTables(tables);
    await seed(tables);
    source = { connectionString: azurite.connectionString, prefix, tables };
  });

  beforeEach(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-backup-'));
  });

  afterEach(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  /** Runs a backup command against `storage` (the seeded source unless said), from the test's folder. */
  function run(
    script: string,
    args: readonly string[],
    storage: { connectionString: string; prefix: string } = source,
  ): Promise<Run> {
    const env = { AZURE_STORAGE_CONNECTION_STRING: storage.connectionString, TABLE_PREFIX: storage.prefix };
    return runScript(script, [...args], env, workDir);
  }

  async function exportTo(
    dir: string,
    connectionString = source.connectionString,
    prefix = source.prefix,
  ): Promise<void> {
    const result = await run(exportScript, ['--out', dir], { connectionString, prefix });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Exported to /);
  }

  describe('into an empty Azurite', () => {
    let target: AzuriteProcess;

    before(async () => {
      target = await startAzurite({ port: 0 });
    });

    after(async () => {
      await target?.stop();
    });

    it('reproduces every row of every table, byte for byte and type for type', async () => {
      const first = path.join(workDir, 'first');
      await exportTo(first);

      const restored = await run(importScript, ['--in', first], {
        connectionString: target.connectionString,
        prefix: 'restored',
      });
      assert.equal(restored.status, 0, restored.stderr);
      assert.match(restored.stdout, /^Imported the backup of .* \(prefix t\w+\): restoredplanstatus 7, /);

      const second = path.join(workDir, 'second');
      await exportTo(second, target.connectionString, 'restored');
      for (const name of Object.values(TABLE_NAMES)) {
        const before = fs.readFileSync(path.join(first, `${name}.jsonl`), 'utf8');
        assert.ok(before.length > 0, `${name} was seeded`);
        assert.equal(fs.readFileSync(path.join(second, `${name}.jsonl`), 'utf8'), before, name);
      }

      // The same comparison through the SDK's own typed read, independent of the export's reader.
      const restoredTables = createTableClients(target.connectionString, 'restored');
      assert.deepEqual(await typedRows(restoredTables), await typedRows(source.tables));
    });

    it('keeps every EDM type, including whole Doubles, 100-ns times and Int64 extremes', async () => {
      const dir = path.join(workDir, 'backup');
      await exportTo(dir);
      const line = fs
        .readFileSync(path.join(dir, 'people.jsonl'), 'utf8')
        .split('\n')
        .find((text) => text.includes('"every type"'));
      assert.ok(line);
      assert.deepEqual(JSON.parse(line), {
        partitionKey: 'edm',
        rowKey: 'every type',
        properties: {
          big: { type: 'Int64', value: '-9223372036854775808' },
          bytes: { type: 'Binary', value: 'AAEC/f7/' },
          count: { type: 'Int32', value: '42' },
          empty: { type: 'String', value: '' },
          flag: { type: 'Boolean', value: 'true' },
          fraction: { type: 'Double', value: '0.1' },
          huge: { type: 'Double', value: '1e+300' },
          id: { type: 'Guid', value: 'c8a1e6b4-8c1f-4d7e-9b1a-2f3e4d5c6b7a' },
          minusInfinity: { type: 'Double', value: '-Infinity' },
          negative: { type: 'Int32', value: '-2147483648' },
          notANumber: { type: 'Double', value: 'NaN' },
          off: { type: 'Boolean', value: 'false' },
          text: { type: 'String', value: EVERY_TYPE_ROW.text },
          when: { type: 'DateTime', value: '2026-11-30T09:15:42.1234567Z' },
          wholeDouble: { type: 'Double', value: '2.0' },
        },
      });
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'backup.json'), 'utf8')) as {
        tablePrefix: string;
        tables: { table: string; file: string; rows: number }[];
      };
      assert.equal(manifest.tablePrefix, source.prefix);
      assert.deepEqual(
        manifest.tables.map(({ table, file }) => [table, file]),
        Object.entries(TABLE_NAMES).map(([table, name]) => [table, `${name}.jsonl`]),
      );
      for (const { file, rows } of manifest.tables) {
        const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean);
        assert.equal(rows, lines.length, file);
      }
    });
  });

  it('uses the embedded storage npm start would use when no storage is configured', async () => {
    const first = path.join(workDir, 'first');
    await exportTo(first);
    const embedded = {
      LOCAL_STORAGE_DIR: path.join(workDir, 'data'),
      LOCAL_STORAGE_PORT: String(await freePort()),
    };
    const restored = await runScript(importScript, ['--in', first], embedded, workDir);
    assert.equal(restored.status, 0, restored.stderr);
    // A second process, a second embedded Azurite on the same folder: the rows were kept on disk.
    const second = path.join(workDir, 'second');
    const exported = await runScript(exportScript, ['--out', second], embedded, workDir);
    assert.equal(exported.status, 0, exported.stderr);
    for (const name of Object.values(TABLE_NAMES)) {
      const file = `${name}.jsonl`;
      assert.equal(
        fs.readFileSync(path.join(second, file), 'utf8'),
        fs.readFileSync(path.join(first, file), 'utf8'),
      );
    }
  });

  describe('refuses, saying why and writing nothing', () => {
    it('to import into tables that already hold rows, unless --force', async () => {
      const dir = path.join(workDir, 'backup');
      await exportTo(dir);
      const before = await typedRows(source.tables);
      const refused = await run(importScript, ['--in', dir]);
      assert.equal(refused.status, 1);
      assert.match(
        refused.stderr,
        new RegExp(
          `^${source.prefix}planstatus, ${source.prefix}people, .* already hold rows; import restores into empty tables`,
          'm',
        ),
      );
      const forced = await run(importScript, ['--in', dir, '--force']);
      assert.equal(forced.status, 0, forced.stderr);
      assert.deepEqual(await typedRows(source.tables), before);
    });

    it('a damaged backup, before touching storage', async () => {
      const dir = path.join(workDir, 'backup');
      await exportTo(dir);
      const target = uniqueTablePrefix();
      const file = path.join(dir, 'planstatus.jsonl');
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines[1] = lines[1].replace(/"type":"Int32","value":"(\d+)"/, '"type":"Int32","value":"$1.5"');
      fs.writeFileSync(file, lines.join('\n'));
      const bad = await run(importScript, ['--in', dir], {
        connectionString: source.connectionString,
        prefix: target,
      });
      assert.equal(bad.status, 1);
      assert.match(
        bad.stderr,
        /planstatus\.jsonl line 2 is not a valid row: properties\.version\.value must be an Int32 written in digits$/m,
      );

      fs.writeFileSync(file, [lines[0], lines[2], ...lines.slice(2)].join('\n'));
      const repeated = await run(importScript, ['--in', dir], {
        connectionString: source.connectionString,
        prefix: target,
      });
      assert.equal(repeated.status, 1);
      assert.match(repeated.stderr, /planstatus\.jsonl line 3 repeats the keys of line 2$/m);

      fs.writeFileSync(file, lines.slice(0, 1).join('\n'));
      const short = await run(importScript, ['--in', dir], {
        connectionString: source.connectionString,
        prefix: target,
      });
      assert.equal(short.status, 1);
      assert.match(short.stderr, /planstatus\.jsonl has 1 rows, backup\.json says 7/);

      fs.rmSync(path.join(dir, 'backup.json'));
      const unfinished = await run(importScript, ['--in', dir], {
        connectionString: source.connectionString,
        prefix: target,
      });
      assert.equal(unfinished.status, 1);
      assert.match(unfinished.stderr, /backup\.json not found: not a finished backup made by npm run export/);

      const empty = await typedRows(createTableClients(source.connectionString, target));
      assert.deepEqual(Object.values(empty).flat(), []);
    });

    describe('a backup that would fail late is refused whole, in one line naming file and line', () => {
      let good: string;
      let exportDir: string;
      before(async () => {
        // Runs before the outer beforeEach: a folder of its own to run the export from.
        exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-good-backup-'));
        workDir = exportDir;
        good = path.join(exportDir, 'backup');
        await exportTo(good);
      });
      after(() => fs.rmSync(exportDir, { recursive: true, force: true }));

      type Manifest = { tables: { table: string; file: string; rows: number }[] };
      type Row = {
        partitionKey: string;
        rowKey: string;
        properties: Record<string, { type: string; value: string }>;
      };
      /** Appends a row to the last table listed (written last), keeping the counts right. */
      const appendToLast = (dir: string, row: Row) => {
        const manifestPath = path.join(dir, 'backup.json');
        const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
        const last = manifest.tables[manifest.tables.length - 1];
        fs.appendFileSync(path.join(dir, last.file), `${JSON.stringify(row)}\n`);
        last.rows += 1;
        fs.writeFileSync(manifestPath, JSON.stringify(manifest));
        return `${last.file.replace('.', '\\.')} line ${last.rows}`;
      };
      const text = (value: string) => ({ type: 'String', value });
      const cases: [string, (dir: string) => string, string][] = [
        [
          'the same table twice in backup.json',
          (dir) => {
            const manifestPath = path.join(dir, 'backup.json');
            const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
            manifest.tables.push(manifest.tables[manifest.tables.length - 1]);
            fs.writeFileSync(manifestPath, JSON.stringify(manifest));
            return `backup\\.json: tables entry ${manifest.tables.length} repeats \\w+ of entry ${manifest.tables.length - 1}; a backup lists each table once`;
          },
          '',
        ],
        [
          'a 200 KB property',
          (dir) =>
            appendToLast(dir, {
              partitionKey: 'x',
              rowKey: 'y',
              properties: { note: text('a'.repeat(200_000)) },
            }),
          ' "y": property note is 391 KiB; Table Storage takes at most 64 KiB',
        ],
        [
          'a row key Table Storage forbids',
          (dir) => appendToLast(dir, { partitionKey: 'x', rowKey: 'a/b', properties: {} }),
          ' "a/b": rowKey holds a character Table Storage does not allow in a key',
        ],
        [
          'a row over 1 MiB in all',
          (dir) =>
            appendToLast(dir, {
              partitionKey: 'x',
              rowKey: 'big',
              properties: Object.fromEntries(
                Array.from({ length: 20 }, (_, index) => [`p${index}`, text('b'.repeat(30_000))]),
              ),
            }),
          ' "big": the row is 1173 KiB; Table Storage takes at most 1 MiB',
        ],
        [
          'a property name Table Storage refuses',
          (dir) => appendToLast(dir, { partitionKey: 'x', rowKey: 'z', properties: { 'a-b': text('1') } }),
          ' "z": property "a-b" is not a name Table Storage accepts',
        ],
        [
          'a status row with rag "purple" and version "seven"',
          (dir) => {
            const file = path.join(dir, 'planstatus.jsonl');
            const lines = fs.readFileSync(file, 'utf8').split('\n');
            const index = lines.findIndex((line) => line.includes('"rowKey":"cur|5.1"'));
            const row = JSON.parse(lines[index]) as Row;
            row.properties.rag = text('purple');
            row.properties.version = text('seven');
            lines[index] = JSON.stringify(row);
            fs.writeFileSync(file, lines.join('\n'));
            return `planstatus\\.jsonl line ${index + 1}`;
          },
          ' "cur\\|5\\.1": rag Invalid enum value.*; version Expected number, received string',
        ],
        [
          "a yearly report's sign-off whose draft flag is text",
          (dir) => {
            const file = path.join(dir, 'boardpacks.jsonl');
            const lines = fs.readFileSync(file, 'utf8').split('\n');
            const index = lines.findIndex((line) => line.includes('"rowKey":"signoff|'));
            const row = JSON.parse(lines[index]) as Row;
            row.properties.draft = text('yes');
            lines[index] = JSON.stringify(row);
            fs.writeFileSync(file, lines.join('\n'));
            return `boardpacks\\.jsonl line ${index + 1}`;
          },
          ' "signoff\\|0123456789abcdef\\|.*": draft Expected boolean, received string',
        ],
        [
          'a status row of no kind the bot writes',
          (dir) => {
            const file = path.join(dir, 'planstatus.jsonl');
            const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
            const row = JSON.parse(lines[0]) as Row;
            lines.push(JSON.stringify({ ...row, rowKey: 'zzz|1' }));
            fs.writeFileSync(file, `${lines.join('\n')}\n`);
            const manifestPath = path.join(dir, 'backup.json');
            const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
            manifest.tables[0].rows += 1;
            fs.writeFileSync(manifestPath, JSON.stringify(manifest));
            return `planstatus\\.jsonl line ${lines.length}`;
          },
          ' "zzz\\|1": not a row this version of the bot writes',
        ],
      ];
      for (const [why, spoil, reason] of cases) {
        it(`${why}: exit 1, one line, nothing written`, async () => {
          const dir = path.join(workDir, 'backup');
          fs.cpSync(good, dir, { recursive: true });
          const where = spoil(dir);
          const target = uniqueTablePrefix();
          const result = await run(importScript, ['--in', dir], {
            connectionString: source.connectionString,
            prefix: target,
          });
          assert.equal(result.status, 1, result.stderr);
          const lines = result.stderr
            .split('\n')
            .filter((line) => line && !/DeprecationWarning|--trace-deprecation/.test(line));
          assert.equal(lines.length, 1, result.stderr);
          assert.match(lines[0], new RegExp(`${where}${reason}`));
          const written = await typedRows(createTableClients(source.connectionString, target));
          assert.deepEqual(Object.values(written).flat(), [], 'nothing written');
        });
      }
    });

    it('to export onto an existing file, in one line', async () => {
      const file = path.join(workDir, 'backup.json');
      fs.writeFileSync(file, 'x');
      const result = await run(exportScript, ['--out', file]);
      assert.equal(result.status, 1);
      assert.deepEqual(
        result.stderr
          .split('\n')
          .filter((line) => line && !/DeprecationWarning|--trace-deprecation/.test(line)),
        [`${file} is a file; export into a new folder`],
      );
      assert.equal(fs.readFileSync(file, 'utf8'), 'x');
    });

    it('writes an export only its owner can read: files 0600 in a 0700 folder', async () => {
      const dir = path.join(workDir, 'private');
      await exportTo(dir);
      assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
      for (const file of fs.readdirSync(dir))
        assert.equal(fs.statSync(path.join(dir, file)).mode & 0o777, 0o600, file);
    });

    it('to export into a folder that is not empty', async () => {
      fs.writeFileSync(path.join(workDir, 'old.jsonl'), 'x');
      const result = await run(exportScript, ['--out', workDir]);
      assert.equal(result.status, 1);
      // Only this line, apart from Node's deprecation warnings for restify 11 while it is still in use.
      assert.deepEqual(
        result.stderr
          .split('\n')
          .filter((line) => line && !/DeprecationWarning|--trace-deprecation/.test(line)),
        [`${workDir} is not empty; export into a new folder`],
      );
      assert.deepEqual(fs.readdirSync(workDir), ['old.jsonl']);
    });

    for (const [script, args, message] of [
      [exportScript, [], /^Usage: npm run export -- --out <new or empty folder>$/m],
      [exportScript, ['--out'], /argument missing[\s\S]*Usage: npm run export/],
      [exportScript, ['--out', 'x', '--in', 'y'], /Unknown option '--in'[\s\S]*Usage: npm run export/],
      [importScript, [], /^Usage: npm run import -- --in <folder written by npm run export> \[--force\]$/m],
      [importScript, ['--in', 'x', 'extra'], /Unexpected argument 'extra'[\s\S]*Usage: npm run import/],
    ] as const) {
      it(`bad arguments: ${path.basename(script)} ${args.join(' ') || '(none)'}`, async () => {
        const result = await run(script, args);
        assert.equal(result.status, 2, result.stderr);
        assert.match(result.stderr, message);
        assert.equal(result.stdout, '');
      });
    }

    it('a store that fails part way: one line saying where, how to finish and how to roll back', async function () {
      this.timeout(120_000);
      const dir = path.join(workDir, 'backup');
      await exportTo(dir);
      const azurite = await sharedAzurite();
      const proxy = new FaultProxy(azurite.port, 2);
      await proxy.start();
      try {
        const prefix = uniqueTablePrefix();
        const failed = await run(importScript, ['--in', dir], {
          connectionString: proxy.connectionString,
          prefix,
        });
        assert.equal(failed.status, 1, failed.stderr);
        const lines = failed.stderr
          .split('\n')
          .filter((line) => line && !/DeprecationWarning|--trace-deprecation/.test(line));
        assert.equal(lines.length, 1, failed.stderr);
        assert.match(
          lines[0],
          /^Import stopped at row \d+ of \d+ of \w+: .*\. Rows before it are written.*\. To finish, fix the cause and run the same import again with --force; to roll back, delete the rows of [\w, ]+ \(they were empty before\) and start again\.$/,
        );
        const target = createTableClients(azurite.connectionString, prefix);
        const sourceRows = await typedRows(source.tables);
        const partial = await typedRows(target);
        const count = (rows: Record<string, unknown[]>) => Object.values(rows).flat().length;
        assert.ok(count(partial) > 0 && count(partial) < count(sourceRows), 'stopped part way');

        // Finishing as the line says: the same import again with --force, the store well.
        const finished = await run(importScript, ['--in', dir, '--force'], {
          connectionString: azurite.connectionString,
          prefix,
        });
        assert.equal(finished.status, 0, finished.stderr);
        assert.deepEqual(await typedRows(target), sourceRows);
      } finally {
        await proxy.stop();
      }
    });

    it('storage that cannot be reached', async () => {
      const closed = azuriteConnectionString('127.0.0.1', await freePort());
      for (const [script, args] of [
        [exportScript, ['--out', path.join(workDir, 'out')]],
        [importScript, ['--in', workDir]],
      ] as const) {
        const result = await run(script, args, { connectionString: closed, prefix: 'oscb' });
        assert.equal(result.status, 1, result.stderr);
        assert.match(
          result.stderr,
          /^cannot open the plan store at AZURE_STORAGE_CONNECTION_STRING \(account devstoreaccount1\): .*ECONNREFUSED.* — check the setting and that the account is reachable$/m,
        );
      }
      assert.equal(fs.existsSync(path.join(workDir, 'out')), false);
    });
  });
});
