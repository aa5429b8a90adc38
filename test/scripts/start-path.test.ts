import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../storage/azurite-process';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';
import { repoRoot } from '../../scripts/support/repo-paths';

const buildChecks = path.join(repoRoot, 'scripts', 'build');
const { staleReason, writeStamp } = createRequire(__filename)(path.join(buildChecks, 'build-stamp.cjs')) as {
  staleReason: (root: string) => string | undefined;
  writeStamp: (root: string) => void;
};

describe('npm start', function () {
  this.timeout(90_000);

  it('runs the built JavaScript: no TypeScript compiler anywhere in its process tree', async () => {
    // Every Node process npm starts (npm itself, its script shell's node, and tsc if anything ran it)
    // loads this first and writes down its command line.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-start-'));
    const trace = path.join(work, 'processes.txt');
    const tracer = path.join(work, 'trace.cjs');
    fs.writeFileSync(
      tracer,
      `require('node:fs').appendFileSync(${JSON.stringify(trace)}, process.argv.join(' ') + '\\n');`,
    );
    const { connectionString } = await sharedAzurite();
    const port = await freePort();
    const started = Date.now();
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? os.homedir(),
        NODE_OPTIONS: `--require ${tracer}`,
        PORT: String(port),
        HOST: '127.0.0.1',
        AZURE_STORAGE_CONNECTION_STRING: connectionString,
        TABLE_PREFIX: uniqueTablePrefix(),
        DIGEST_SCHEDULE: 'off',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so the whole tree stops with one signal to -pid
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise((resolve) => npm.once('exit', resolve));
    try {
      let healthy = false;
      while (!healthy && npm.exitCode === null && Date.now() - started < 60_000) {
        healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (response) => response.ok,
          () => false,
        );
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(healthy, `npm start did not serve /healthz: ${output}`);
    } finally {
      if (npm.exitCode === null && npm.pid) process.kill(-npm.pid, 'SIGTERM');
      await exited;
    }
    const processes = fs.readFileSync(trace, 'utf8').trim().split('\n');
    fs.rmSync(work, { recursive: true, force: true });
    assert.ok(
      processes.some((line) => line.endsWith(path.join('dist', 'bot', 'main.js'))),
      processes.join('\n'),
    );
    assert.deepEqual(
      processes.filter((line) => /typescript|[/\\]tsc\b/.test(line)),
      [],
      'npm start ran the TypeScript compiler',
    );
  });

  it('stops, embedded store and all, when a process manager signals npm alone (not its process group)', async () => {
    const port = await freePort();
    const storagePort = await freePort();
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-start-data-'));
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? os.homedir(),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOCAL_STORAGE_DIR: data,
        LOCAL_STORAGE_PORT: String(storagePort),
        DIGEST_SCHEDULE: 'off',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
      detached: true, // only so that the test can clean up the whole tree if the bot outlives npm
    });
    const listening = (where: number) =>
      fetch(`http://127.0.0.1:${where}/`).then(
        () => true,
        () => false,
      );
    try {
      const started = Date.now();
      while (!(await listening(port)) && Date.now() - started < 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(await listening(port), 'npm start did not listen');
      process.kill(npm.pid ?? 0, 'SIGTERM');
      const stopping = Date.now();
      while (((await listening(port)) || (await listening(storagePort))) && Date.now() - stopping < 15_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(await listening(port), false, 'the bot outlived npm');
      assert.equal(await listening(storagePort), false, 'the embedded store outlived npm');
    } finally {
      try {
        process.kill(-(npm.pid ?? 0), 'SIGKILL');
      } catch {
        // already gone, as it should be
      }
      fs.rmSync(data, { recursive: true, force: true });
    }
  });

  describe('a missing or stale build', () => {
    let root: string;
    const write = (file: string, text: string, secondsAgo: number) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
      const when = new Date(Date.now() - secondsAgo * 1000);
      fs.utimesSync(path.join(root, file), when, when);
    };
    const stampAge = (secondsAgo: number) => {
      writeStamp(root);
      const when = new Date(Date.now() - secondsAgo * 1000);
      fs.utimesSync(path.join(root, 'dist', '.build-stamp'), when, when);
    };

    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-build-'));
      write('tsconfig.json', JSON.stringify({ include: ['src'] }), 100);
      write('src/main.ts', 'export {};', 100);
      write('src/templates/card.json', '{}', 100);
      write('dist/src/templates/card.json', '{}', 60);
      write('src/data.json', '{}', 100);
      write('dist/src/main.js', 'console.log("ran the build");', 60);
      for (const file of fs.readdirSync(buildChecks)) {
        fs.cpSync(path.join(buildChecks, file), path.join(root, 'scripts', 'build', file));
      }
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    const cases: [string, () => void, RegExp | undefined][] = [
      ['built after every source', () => stampAge(50), undefined],
      ['never built', () => undefined, /^No build in dist\/: run `npm run build` first/],
      [
        'a TypeScript file changed after the build',
        () => (stampAge(50), write('src/main.ts', 'export {};', 10)),
        /^The build in dist\/ is older than src\/main\.ts: run `npm run build`/,
      ],
      [
        'a card template (copied by tsc) changed after the build',
        () => (stampAge(50), write('src/templates/card.json', '{}', 10)),
        /older than src\/templates\/card\.json/,
      ],
      [
        'a data file read at run time changed',
        () => (stampAge(50), write('src/data.json', '{}', 10)),
        undefined,
      ],
      [
        'an image with dist/ and no sources',
        () => (stampAge(50), fs.rmSync(path.join(root, 'tsconfig.json'))),
        undefined,
      ],
    ];
    for (const [name, arrange, expected] of cases) {
      it(`${name}: ${expected ? 'stops with one line' : 'runs'}`, () => {
        arrange();
        assert.equal(staleReason(root) === undefined, expected === undefined, staleReason(root));
        const run = spawnSync(
          process.execPath,
          [
            '--require',
            path.join(root, 'scripts', 'build', 'require-built.cjs'),
            path.join(root, 'dist', 'src', 'main.js'),
          ],
          { encoding: 'utf8' },
        );
        if (expected) {
          assert.equal(run.status, 1);
          assert.equal(run.stdout, '');
          assert.match(run.stderr, expected);
          assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
        } else {
          assert.equal(run.status, 0, run.stderr);
          assert.equal(run.stdout, 'ran the build\n');
        }
      });
    }

    it('a production install (no TypeScript) skips the prepare build with a note instead of failing', () => {
      const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'build', 'prepare.cjs')], {
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stderr);
      assert.match(
        run.stdout,
        /TypeScript is not installed \(production install\); using the existing dist\//,
      );
    });
  });
});
