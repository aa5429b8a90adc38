import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { LOCAL_CHAIR, loadConfig } from '../../bot/config';
import { startAzurite } from '../../storage/azurite-process';
import { repoRoot, shippedPlanFile } from '../../scripts/support/repo-paths';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';
import { BotProcess } from '../support/bot-process';
import { chat } from '../support/chat-client';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A script as `npm run <name>` runs it (package.json's dist path), in an empty folder, with only `env`. */
function runScript(name: string, args: string[], env: Record<string, string>): Promise<Run> {
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const entry = /(dist\/\S+\.js)/.exec(scripts[name] ?? '')?.[1];
  assert.ok(entry, `package.json has no script "${name}" running a dist/ file`);
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-first-hour-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, entry), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', PLAN_FILE: shippedPlanFile, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      fs.rmSync(cwd, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

async function changeRows(connectionString: string, tablePrefix: string): Promise<number> {
  const table = TableClient.fromConnectionString(connectionString, `${tablePrefix}planstatus`, {
    allowInsecureConnection: true,
  });
  let rows = 0;
  for await (const row of table.listEntities()) rows += row ? 1 : 0;
  return rows;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the first hour: no snags for someone trying the bot locally', function () {
  this.timeout(120_000);

  describe('--help: every script says how to use it, exits 0 and starts no work', () => {
    // Settings that would stop any script that read them: answering --help must not get that far.
    const broken = { STALE_DAYS: 'not a number', BOT_ID: 'not a guid', LOCAL_STORAGE_DIR: '/proc/nowhere' };
    const scripts = [
      'import',
      'export',
      'board-pack',
      'digest',
      'seed',
      'bench',
      'package',
      'chat',
      'playground',
    ];
    for (const name of scripts) {
      it(`npm run ${name} -- --help`, async () => {
        const run = await runScript(name, ['--help'], broken);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, new RegExp(`^Usage: npm run ${name}\\b`));
        assert.equal(run.stderr, '');
      });
    }
  });

  describe('local mode makes the README’s chair an admin when BOARD_ADMINS is unset', () => {
    it('only in local mode: with BOT_ID nobody is an admin without BOARD_ADMINS', () => {
      assert.deepEqual(loadConfig({}).boardAdmins, [LOCAL_CHAIR]);
      assert.deepEqual(loadConfig({ BOARD_ADMINS: 'manager@oscb.example' }).boardAdmins, [
        'manager@oscb.example',
      ]);
      const production = loadConfig({
        BOT_ID: '00000000-0000-4000-8000-000000000001',
        BOT_PASSWORD: 'secret',
        BOT_TENANT_ID: '00000000-0000-4000-8000-000000000002',
        LOCAL_STORAGE: 'embedded',
      });
      assert.deepEqual(production.boardAdmins, []);
      assert.equal(production.boardAdminsDefaulted, false);
    });

    it('says who at start-up, and npm run chat -- --as chair@oscb.example can assign an owner', async () => {
      const { connectionString } = await sharedAzurite();
      const bot = await BotProcess.start({
        connectionString,
        tablePrefix: uniqueTablePrefix(),
        boardAdmins: [],
        env: { LOG_LEVEL: 'info' },
      });
      try {
        assert.match(bot.log, /chair@oscb\.example is the board admin, as BOARD_ADMINS is not set/);
        const { output, code } = await chat(
          bot.url,
          ['assign 5.1 to neglect.lead@council.example.org'],
          LOCAL_CHAIR,
        );
        assert.equal(code, 0, output);
        assert.match(output, /^bot> Action 5\.1 assigned$/m, output);
      } finally {
        await bot.stop();
      }
    });
  });

  it('npm run seed refuses a store that already holds changes, in one line, unless --force', async () => {
    const { connectionString } = await sharedAzurite();
    const tablePrefix = uniqueTablePrefix();
    const env = { AZURE_STORAGE_CONNECTION_STRING: connectionString, TABLE_PREFIX: tablePrefix };
    const first = await runScript('seed', [], env);
    assert.equal(first.code, 0, first.stderr);
    const seeded = await changeRows(connectionString, tablePrefix);
    assert.ok(seeded > 0);

    const again = await runScript('seed', [], env);
    assert.equal(again.code, 1);
    assert.equal(lines(again.stderr).length, 1, again.stderr);
    assert.match(again.stderr, /^Nothing was written: .*already holds changes.* --force/);
    assert.equal(await changeRows(connectionString, tablePrefix), seeded);

    const forced = await runScript('seed', ['--force'], env);
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok((await changeRows(connectionString, tablePrefix)) > seeded);
  });

  describe('"folder in use" and "storage unreachable" are one line from every script', () => {
    const commands: [string, string[]][] = [
      ['digest', ['--dry-run']],
      ['seed', []],
      ['board-pack', ['--out', path.join(os.tmpdir(), 'oscb-never-written')]],
      ['export', ['--out', path.join(os.tmpdir(), 'oscb-never-exported')]],
    ];

    it('the embedded data folder held by a running bot', async () => {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-in-use-'));
      const running = await startAzurite({ port: 0, directory });
      try {
        for (const [name, args] of commands) {
          const run = await runScript(name, args, { LOCAL_STORAGE_DIR: directory, LOCAL_STORAGE_PORT: '0' });
          assert.equal(run.code, 1, `${name}: ${run.stderr}`);
          assert.equal(lines(run.stderr).length, 1, `${name}: ${run.stderr}`);
          assert.match(run.stderr, /is in use by another running bot/, name);
        }
      } finally {
        await running.stop();
        fs.rmSync(directory, { recursive: true, force: true });
      }
    });

    it('table storage that does not answer', async () => {
      const port = await closedPort();
      const connectionString = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;
      for (const [name, args] of commands) {
        const run = await runScript(name, args, { AZURE_STORAGE_CONNECTION_STRING: connectionString });
        assert.equal(run.code, 1, `${name}: ${run.stderr}`);
        assert.equal(lines(run.stderr).length, 1, `${name}: ${run.stderr}`);
        assert.match(run.stderr, /cannot (be reached|open the plan store)/, name);
      }
    });
  });

  it('a fresh start without a board channel warns, saying what an admin should do; no error', async () => {
    const { connectionString } = await sharedAzurite();
    const bot = await BotProcess.start({
      connectionString,
      tablePrefix: uniqueTablePrefix(),
      boardAdmins: [],
      // Due every Monday at midnight, so a start on any day catches this week's digest up.
      env: { DIGEST_SCHEDULE: 'on', DIGEST_CRON: '0 0 * * 1', DIGEST_TZ: 'UTC', LOG_LEVEL: 'warn' },
    });
    try {
      for (let wait = 0; wait < 200 && !/board channel/.test(bot.log); wait++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const logged = lines(bot.log).map((line) => JSON.parse(line) as { level: number; msg: string });
      const noChannel = logged.find((line) => /no board channel/.test(line.msg));
      assert.ok(noChannel, bot.log);
      assert.equal(noChannel.level, 40);
      assert.match(noChannel.msg, /a board admin should @mention the bot with "set board channel"/);
      assert.deepEqual(
        logged.filter((line) => line.level >= 50),
        [],
      );
    } finally {
      await bot.stop();
    }
  });

  it('packs/ and backups/, where the README’s examples write, are ignored by git', () => {
    const ignored = spawnSync(
      'git',
      ['check-ignore', 'packs/board-pack.docx', 'backups/2026-12-02/manifest.json'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    assert.equal(ignored.status, 0, ignored.stderr);
    assert.equal(lines(ignored.stdout).length, 2);
  });
});
