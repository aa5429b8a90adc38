import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../storage/azurite-process';
import { isAlive } from '../../storage/data-folder-lock';
import { personalMessage, testUser } from '../../scripts/support/teams-activities';
import { repoRoot, shippedPlanFile } from '../../scripts/support/repo-paths';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';
import { BotProcess } from '../support/bot-process';
import { RecordingConnector } from '../support/recording-connector';

const chair = testUser('Chris Chair', 'chair@oscb.example');

async function until(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('A stop is bounded, whatever is pending', function () {
  this.timeout(120_000);
  const connector = new RecordingConnector();
  before(() => connector.start());
  after(() => connector.stop());
  afterEach(() => connector.reset());

  it('with a turn waiting on a Bot Connector that never answers: exits at the deadline, code 3, naming the turn', async () => {
    connector.meet(chair);
    const bot = await BotProcess.start({
      connectionString: (await sharedAzurite()).connectionString,
      tablePrefix: uniqueTablePrefix(),
      boardAdmins: [chair.email],
      env: { STOP_DEADLINE_SECONDS: '1' },
    });
    try {
      connector.neverAnswer((call) => call.method === 'POST' && call.path.includes('/activities'));
      const turn = bot.send(personalMessage(connector.url, chair, 'show priority 5')).catch(() => undefined);
      await until(
        () => connector.calls.some((call) => call.path.includes('/activities')),
        30_000,
        'reply sent',
      );
      process.kill(bot.pid, 'SIGTERM');
      const exit = await Promise.race([
        bot.exited,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 15_000)),
      ]);
      assert.ok(exit, `still running 15 s after SIGTERM with a 1 s deadline:\n${bot.log}`);
      assert.equal(exit.code, 3, bot.log);
      assert.match(bot.log, /stop forced after 1 s; still pending: 1 turn\(s\) in flight/);
      await turn;
    } finally {
      await bot.stop();
    }
  });

  it('with a Bot Connector that has gone away mid-turn: the turn ends, the stop is clean (code 0)', async () => {
    const peer = new RecordingConnector();
    await peer.start();
    peer.meet(chair);
    const bot = await BotProcess.start({
      connectionString: (await sharedAzurite()).connectionString,
      tablePrefix: uniqueTablePrefix(),
      boardAdmins: [chair.email],
      env: { STOP_DEADLINE_SECONDS: '15' },
    });
    try {
      peer.neverAnswer((call) => call.method === 'POST' && call.path.includes('/activities'));
      const turn = bot.send(personalMessage(peer.url, chair, 'show priority 5')).catch(() => undefined);
      await until(() => peer.calls.some((call) => call.path.includes('/activities')), 30_000, 'reply sent');
      await peer.stop(); // its sockets are destroyed: the bot's request fails at once
      process.kill(bot.pid, 'SIGTERM');
      const exit = await bot.exited;
      assert.equal(exit.code, 0, bot.log);
      await turn;
    } finally {
      await bot.stop();
    }
  });

  it('when its store, its client and the parent holding its output all go at once (the Playground case)', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-stop-'));
    const port = await freePort();
    const storePort = await freePort();
    connector.meet(chair);
    // A parent that holds the bot's stdout and stderr pipes, as `npm start` under a terminal tool does.
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `const { spawn } = require('node:child_process');
         const bot = spawn(process.execPath, [process.argv[1]], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
         bot.stdout.on('data', () => {}); bot.stderr.on('data', () => {});
         console.log(bot.pid);
         setInterval(() => {}, 1000);`,
        path.join(repoRoot, 'dist', 'bot', 'main.js'),
      ],
      {
        cwd: directory,
        env: {
          PATH: process.env.PATH ?? '',
          PORT: String(port),
          LOCAL_STORAGE_DIR: path.join(directory, 'data'),
          LOCAL_STORAGE_PORT: String(storePort),
          BOARD_ADMINS: chair.email,
          PLAN_FILE: shippedPlanFile,
          DIGEST_SCHEDULE: 'off',
          LOG_LEVEL: 'info',
          STOP_DEADLINE_SECONDS: '3',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let botPid = 0;
    parent.stdout.on('data', (chunk: Buffer) => (botPid ||= Number(chunk.toString().trim())));
    try {
      const url = `http://127.0.0.1:${port}`;
      await until(
        () =>
          fetch(`${url}/healthz`).then(
            (response) => response.ok,
            () => false,
          ),
        60_000,
        'bot healthy',
      );
      const saved = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(personalMessage(connector.url, chair, 'update 5.1 amber Waiting on the audit')),
      });
      assert.equal(saved.status, 200);
      const lock = JSON.parse(
        fs.readFileSync(path.join(directory, 'data', 'embedded-azurite.lock'), 'utf8'),
      ) as {
        pid: number;
      };
      // All at once: the signal, the store gone, the client gone, the parent with the pipes gone.
      connector.neverAnswer(() => true);
      void fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(personalMessage(connector.url, chair, 'show priority 5')),
      }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
      process.kill(-botPid, 'SIGTERM');
      process.kill(lock.pid, 'SIGKILL');
      parent.kill('SIGKILL');
      await until(() => !isAlive(botPid), 15_000, `bot ${botPid} exits (deadline 3 s)`);
    } finally {
      parent.kill('SIGKILL');
      if (botPid && isAlive(botPid)) process.kill(botPid, 'SIGKILL');
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
