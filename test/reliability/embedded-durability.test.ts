import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadPlan } from '../../plan/load-plan';
import { azuriteConnectionString, freePort, startAzurite } from '../../storage/azurite-process';
import { personalMessage, testUser } from '../../scripts/support/teams-activities';
import { uniqueTablePrefix } from '../support/azurite';
import { BotProcess } from '../support/bot-process';
import { cardText, onlyCard } from '../../scripts/support/card-content';
import { repoRoot, shippedPlanFile } from '../../scripts/support/repo-paths';
import { statusReader } from '../support/plan-snapshot';
import { RecordingConnector } from '../support/recording-connector';
import { fieldsOf } from '../support/history-fields';

const chair = testUser('Chris Chair', 'chair@oscb.example');
const ACTION = '6.1';

/** Live (not zombie) processes whose command line mentions `marker`: an embedded Azurite names its folder. */
function processesMentioning(marker: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const state = /\) (\S)/.exec(fs.readFileSync(`/proc/${entry}/stat`, 'utf8'))?.[1];
      if (cmdline.includes(marker) && state !== 'Z') found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** What the bot itself wrote to stderr; Node's own deprecation warnings are another matter (restify 11). */
function botLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^\(node:\d+\) |^\(Use `node --trace/.test(line));
}

/** `node dist/bot/main.js` run to its end, for starts that must refuse. */
async function runBot(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const defaults = {
    PATH: process.env.PATH ?? '',
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    PLAN_FILE: shippedPlanFile,
    DIGEST_SCHEDULE: 'off',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'bot', 'main.js')], {
      cwd: os.tmpdir(),
      env: { ...defaults, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bot did not exit within 40 s: ${stdout}${stderr}`));
    }, 40_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

/** The Bot Connector, but each reply takes `delayMs` to be accepted: a turn stays in flight that long. */
async function slowRepliesTo(connectorUrl: string, delayMs: number) {
  let arrived = () => {};
  const replyArrived = new Promise<void>((resolve) => (arrived = resolve));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      if (req.method === 'POST' && /\/activities/.test(req.url ?? '')) {
        arrived();
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
      const body = Buffer.concat(chunks);
      const forwarded = await fetch(new URL(req.url ?? '/', connectorUrl), {
        method: req.method,
        headers: { 'content-type': 'application/json' },
        body: body.length > 0 ? body : undefined,
      });
      res.writeHead(forwarded.status, { 'content-type': 'application/json' });
      res.end(await forwarded.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`,
    replyArrived,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const startedBots: BotProcess[] = [];

/** Where one embedded store lives: a fresh folder and a free port of its own. */
class Lane {
  readonly tablePrefix = uniqueTablePrefix();
  private constructor(
    readonly directory: string,
    readonly storagePort: number,
  ) {}

  static async create(): Promise<Lane> {
    return new Lane(fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-embedded-')), await freePort());
  }

  get env(): Record<string, string> {
    return { LOCAL_STORAGE_DIR: this.directory, LOCAL_STORAGE_PORT: String(this.storagePort) };
  }

  async start(): Promise<BotProcess> {
    const bot = await BotProcess.start({
      tablePrefix: this.tablePrefix,
      boardAdmins: [chair.email],
      env: { ...this.env, LOG_LEVEL: 'info' },
      ownProcessGroup: true,
    });
    // In a group of its own it would outlive a failed test run: stopped in after() at the latest.
    startedBots.push(bot);
    return bot;
  }

  /** The history as stored in the folder, read with the bot's own reader from an Azurite of its own. */
  async storedNotes(): Promise<string[]> {
    const azurite = await startAzurite({ port: this.storagePort, directory: this.directory });
    try {
      const reader = statusReader(loadPlan(shippedPlanFile), azurite.connectionString, this.tablePrefix);
      return (await reader.history(ACTION, 1000)).map((entry) => fieldsOf(entry).note ?? '').reverse();
    } finally {
      await azurite.stop();
    }
  }

  remove(): void {
    fs.rmSync(this.directory, { recursive: true, force: true });
  }
}

describe('reliability: the embedded store keeps every acknowledged update', function () {
  // A bound, not a target: 20 real starts take ~25 s idle, several times that on a shared machine.
  this.timeout(300_000);
  const connector = new RecordingConnector();
  const lanes: Lane[] = [];

  before(async () => {
    await connector.start();
    connector.meet(chair);
  });
  after(async () => {
    await Promise.all(startedBots.map((bot) => bot.stop()));
    await connector.stop();
    lanes.forEach((lane) => lane.remove());
  });

  async function newLane(): Promise<Lane> {
    const lane = await Lane.create();
    lanes.push(lane);
    return lane;
  }

  async function update(bot: BotProcess, note: string): Promise<void> {
    const activity = personalMessage(connector.url, chair, `update ${ACTION} amber ${note}`);
    const response = await bot.send(activity);
    assert.equal(response.status, 200);
    const reply = connector
      .sentActivities()
      .find((sent) => (sent.replyToId as string | undefined) === activity.id);
    assert.ok(reply, `a reply to "${note}"`);
    assert.match(cardText(onlyCard(reply)), /Saved:/, `"${note}" acknowledged`);
  }

  it('loses nothing to Ctrl+C (SIGINT to the whole process group) 20 times, each just after an update', async () => {
    // Four folders side by side, five stops each: 20 Ctrl+Cs in the time of five.
    const settled = await Promise.allSettled(
      [0, 1, 2, 3].map(async (laneNumber) => {
        const lane = await newLane();
        const acknowledged: string[] = [];
        const exits: string[] = [];
        for (let stop = 0; stop < 5; stop += 1) {
          const bot = await lane.start();
          const note = `before Ctrl+C ${laneNumber}.${stop}`;
          await update(bot, note);
          acknowledged.push(note);
          bot.signalGroup('SIGINT');
          // Under `npm start`, npm passes the terminal's SIGINT on: the bot hears it twice.
          if (stop % 2 === 1) bot.signalGroup('SIGINT');
          const { code, signal } = await bot.exited;
          exits.push(`${code ?? signal}`);
          assert.equal(await isListening(lane.storagePort), false, 'the store stopped with the bot');
          assert.deepEqual(processesMentioning(lane.directory), [], 'no embedded Azurite left running');
          await bot.stop();
        }
        return { acknowledged, stored: await lane.storedNotes(), exits };
      }),
    );
    // Every lane finishes (and stops its bot) before a failure is reported.
    const runs = settled.map((run) => {
      if (run.status === 'rejected') throw run.reason;
      return run.value;
    });
    for (const { acknowledged, stored, exits } of runs) {
      assert.deepEqual(exits, ['0', '0', '0', '0', '0'], 'each Ctrl+C ends the bot cleanly');
      assert.deepEqual(stored, acknowledged, 'every acknowledged update is stored, once, in order');
    }
  });

  it('on SIGTERM finishes the turn in flight, answers it, saves it and exits 0', async () => {
    const lane = await newLane();
    const bot = await lane.start();
    const slow = await slowRepliesTo(connector.url, 1500);
    try {
      const activity = personalMessage(slow.url, chair, `update ${ACTION} red in flight at SIGTERM`);
      const answered = bot.send(activity);
      await slow.replyArrived;
      bot.signalGroup('SIGTERM');
      assert.equal((await answered).status, 200, 'the turn in flight was answered');
      assert.deepEqual(await bot.exited, { code: 0, signal: null });
    } finally {
      await bot.stop();
      await slow.close();
    }
    const reply = connector
      .sentActivities()
      .find((sent) => /in flight at SIGTERM/.test(JSON.stringify(sent)));
    assert.ok(reply, 'the reply reached the connector');
    assert.deepEqual(await lane.storedNotes(), ['in flight at SIGTERM']);
  });

  it('after kill -9 of the bot, the next start finds no orphan and every acknowledged update', async () => {
    const lane = await newLane();
    const bot = await lane.start();
    const notes = ['first before kill -9', 'second before kill -9', 'third before kill -9'];
    for (const note of notes) await update(bot, note);
    const [azurite] = processesMentioning(lane.directory);
    assert.ok(azurite, 'the embedded Azurite runs');
    process.kill(bot.pid, 'SIGKILL');
    await bot.exited;
    await bot.stop();
    // Started at once: the killed bot's Azurite must not be adopted, and must have saved before going.
    const again = await lane.start();
    try {
      assert.ok(!processesMentioning(lane.directory).includes(azurite), 'the old Azurite is gone');
      const reader = statusReader(
        loadPlan(shippedPlanFile),
        azuriteConnectionString('127.0.0.1', lane.storagePort),
        lane.tablePrefix,
      );
      const stored = (await reader.history(ACTION, 1000)).map((entry) => fieldsOf(entry).note).reverse();
      assert.deepEqual(stored, notes);
    } finally {
      await again.stop();
    }
  });

  it("refuses a storage port held by another folder's Azurite, in one line, and leaves it alone", async () => {
    const lane = await newLane();
    const other = await newLane();
    const foreign = await startAzurite({ port: lane.storagePort, directory: other.directory });
    try {
      const result = await runBot({ ...lane.env, TABLE_PREFIX: lane.tablePrefix });
      assert.equal(result.code, 1);
      const lines = botLines(result.stderr);
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0], new RegExp(`port ${lane.storagePort} .*Azurite.*LOCAL_STORAGE_PORT`));
      assert.deepEqual(processesMentioning(lane.directory), [], 'no embedded Azurite left running');
      assert.ok(await isListening(lane.storagePort), 'the other Azurite still serves its folder');
    } finally {
      await foreign.stop();
    }
  });

  it('refuses a storage port held by another program, in one line', async () => {
    const lane = await newLane();
    const squatter = net.createServer().listen(lane.storagePort, '127.0.0.1');
    try {
      const result = await runBot({ ...lane.env, TABLE_PREFIX: lane.tablePrefix });
      assert.equal(result.code, 1);
      assert.equal(botLines(result.stderr).length, 1, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(`port ${lane.storagePort} .*another program.*LOCAL_STORAGE_PORT`),
      );
      assert.deepEqual(processesMentioning(lane.directory), []);
    } finally {
      squatter.close();
    }
  });

  it('refuses a second bot on the same folder while the first runs, in one line', async () => {
    const lane = await newLane();
    const first = await lane.start();
    try {
      const result = await runBot({
        ...lane.env,
        LOCAL_STORAGE_PORT: String(await freePort()),
        TABLE_PREFIX: lane.tablePrefix,
      });
      assert.equal(result.code, 1);
      assert.equal(botLines(result.stderr).length, 1, result.stderr);
      assert.match(result.stderr, new RegExp(`folder .* in use by another running bot \\(pid ${first.pid}`));
      await update(first, 'the first bot still works');
    } finally {
      await first.stop();
    }
  });

  const badStarts: [string, (lane: { env: Record<string, string> }) => Record<string, string>, RegExp][] = [
    [
      'a plan file that is not there',
      (lane) => ({ ...lane.env, PLAN_FILE: '/nowhere/plan.json' }),
      /^Plan file \/nowhere\/plan\.json was not found/,
    ],
    [
      'a data folder that cannot be created',
      (lane) => ({ ...lane.env, LOCAL_STORAGE_DIR: '/etc/hostname/data' }),
      /^embedded storage folder \/etc\/hostname\/data cannot be created \(ENOTDIR\) — set LOCAL_STORAGE_DIR/,
    ],
    [
      'a HOST that is no address of this machine',
      (lane) => ({ ...lane.env, HOST: '192.0.2.1' }),
      /^HOST=192\.0\.2\.1 is not an address of this machine \(EADDRNOTAVAIL\) — set HOST/,
    ],
    [
      'a HOST that is no address at all',
      (lane) => ({ ...lane.env, HOST: '999.1.1.1' }),
      /^HOST=999\.1\.1\.1 is not an address of this machine \(ENOTFOUND\) — set HOST/,
    ],
  ];
  for (const [what, env, message] of badStarts) {
    it(`says what to change for ${what}, without a stack trace, and leaves no Azurite running`, async () => {
      const lane = await newLane();
      const result = await runBot({ LOG_LEVEL: 'error', ...env(lane) });
      assert.equal(result.code, 1);
      assert.match(botLines(result.stderr)[0] ?? '', message, result.stderr);
      assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at /, 'no stack trace');
      assert.deepEqual(processesMentioning(lane.directory), [], 'no embedded Azurite left running');
    });
  }

  it("says the bot's own port is in use in one line, exits 1 and leaves no Azurite running", async () => {
    const lane = await newLane();
    const port = await freePort();
    const squatter = net.createServer().listen(port, '127.0.0.1');
    try {
      const result = await runBot({ ...lane.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
      assert.equal(result.code, 1);
      assert.deepEqual(botLines(result.stderr), [
        `port ${port} is already in use (another bot running?) — stop it or set PORT`,
      ]);
      assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at /, 'no stack trace');
      assert.deepEqual(processesMentioning(lane.directory), [], 'no embedded Azurite left running');
      assert.equal(await isListening(lane.storagePort), false);
    } finally {
      squatter.close();
    }
  });
});
