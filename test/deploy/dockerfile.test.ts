import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../../storage/azurite-process';
import { personalMessage, testUser } from '../../scripts/support/teams-activities';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';
import { cardText, onlyCard } from '../../scripts/support/card-content';
import { dockerIgnored, execForm, readDockerfile, type Stage } from '../support/dockerfile';
import { repoRoot } from '../../scripts/support/repo-paths';
import { installProductionDependencies } from '../support/production-install';
import { RecordingConnector } from '../support/recording-connector';

/**
 * No Docker daemon here, so the runtime stage is played out step by step in a folder standing for the
 * image's /app: its COPY lines (from the build context, or from the build stage, whose `npm run build` is
 * the build `npm test` has just run), its RUN lines (only the ones this test knows; any other fails by
 * name), its ENV, and then its CMD and HEALTHCHECK, as the container would run them.
 */
describe('Dockerfile', function () {
  this.timeout(180_000);
  const stages = readDockerfile(path.join(repoRoot, 'Dockerfile'));
  const ignored = dockerIgnored(path.join(repoRoot, '.dockerignore'));
  const build = stages.find((stage) => stage.name === 'build');
  const runtime = stages[stages.length - 1];
  const all = (stage: Stage | undefined, keyword: string) =>
    (stage?.instructions ?? []).filter((instruction) => instruction.keyword === keyword);

  it('builds with dev dependencies in one stage and runs in another as a non-root user', () => {
    assert.ok(build, 'a stage named build');
    assert.equal(stages.length, 2);
    const buildRuns = all(build, 'RUN').map((run) => run.args);
    assert.deepEqual(buildRuns, ['npm ci --ignore-scripts', 'npm run build']);
    const users = all(runtime, 'USER').map((user) => user.args);
    assert.ok(users.length > 0 && !['root', '0'].includes(users[users.length - 1]), `USER ${users}`);
    assert.match(all(runtime, 'HEALTHCHECK')[0]?.args ?? '', /\/healthz/);
    assert.deepEqual(execForm(all(runtime, 'CMD')[0]?.args ?? ''), ['node', 'dist/bot/main.js']);
  });

  it('sends every file it copies to the daemon (nothing it needs is in .dockerignore)', () => {
    for (const stage of stages) {
      for (const copy of all(stage, 'COPY').filter((instruction) => !instruction.args.startsWith('--from'))) {
        const sources = copy.args.split(/\s+/).slice(0, -1);
        for (const source of sources) {
          assert.ok(fs.existsSync(path.join(repoRoot, source)), `${source} exists`);
          assert.ok(!ignored(source), `${source} is not in .dockerignore`);
        }
      }
    }
    for (const secret of ['.env', 'node_modules', '.data', 'dist']) assert.ok(ignored(secret), secret);
  });

  describe('runtime stage, played without Docker', () => {
    let app: string;
    let env: Record<string, string>;
    let child: ChildProcess | undefined;
    let output = '';
    let exited: Promise<number | null>;
    const connector = new RecordingConnector();
    const chair = testUser('Chris Chair', 'chair@oscb.example');
    let installedBy = '';

    before(async () => {
      // Under build/ (ignored, same file system as node_modules) so packages can be hard-linked.
      fs.mkdirSync(path.join(repoRoot, 'build'), { recursive: true });
      app = fs.mkdtempSync(path.join(repoRoot, 'build', 'image-app-'));
      env = {};
      for (const { keyword, args } of runtime.instructions) {
        if (keyword === 'WORKDIR') assert.equal(args, '/app');
        else if (keyword === 'ENV') {
          const [, name, value] = /^(\w+)=(.*)$/.exec(args) ?? [];
          env[name] = value;
        } else if (keyword === 'COPY') copy(args);
        else if (keyword === 'RUN') run(args);
      }
      await connector.start();
      connector.meet(chair);
    });
    after(async () => {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      await connector.stop();
      fs.rmSync(app, { recursive: true, force: true });
    });

    function copy(args: string): void {
      const parts = args.split(/\s+/);
      const fromBuild = parts[0] === '--from=build';
      const rest = fromBuild ? parts.slice(1) : parts;
      const destination = rest[rest.length - 1];
      for (const source of rest.slice(0, -1)) {
        // The build stage's /app is this checkout after `npm run build`.
        const from = path.join(repoRoot, fromBuild ? path.relative('/app', source) : source);
        const into = destination.endsWith('/') ? path.join(destination, path.basename(source)) : destination;
        fs.cpSync(from, path.join(app, into), { recursive: true });
      }
    }

    function run(command: string): void {
      if (command === 'npm ci --omit=dev --ignore-scripts') {
        installedBy = installProductionDependencies(repoRoot, app);
      } else if (command === 'mkdir -p /app/.data && chown node:node /app/.data') {
        fs.mkdirSync(path.join(app, '.data'), { recursive: true });
      } else {
        assert.fail(`the runtime stage runs a step this test does not know: RUN ${command}`);
      }
    }

    it('has production dependencies only: no TypeScript, no test runner', () => {
      assert.ok(fs.existsSync(path.join(app, 'node_modules', 'restify')), installedBy);
      for (const dev of ['typescript', 'mocha', 'eslint']) {
        assert.ok(!fs.existsSync(path.join(app, 'node_modules', dev)), `${dev} is not in the image`);
      }
      assert.ok(!fs.existsSync(path.join(app, 'dist', 'test')), 'compiled tests stay in the build stage');
    });

    it('starts with its CMD, passes its HEALTHCHECK and answers a message', async () => {
      const { connectionString } = await sharedAzurite();
      const port = await freePort();
      const [command, ...args] = execForm(all(runtime, 'CMD')[0].args) ?? [];
      assert.equal(command, 'node');
      const containerEnv = {
        PATH: process.env.PATH ?? '',
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        AZURE_STORAGE_CONNECTION_STRING: connectionString,
        TABLE_PREFIX: uniqueTablePrefix(),
        BOARD_ADMINS: chair.email,
        DIGEST_SCHEDULE: 'off',
      };
      child = spawn(process.execPath, args, {
        cwd: app,
        env: containerEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      exited = new Promise((resolve) => child?.once('exit', (code) => resolve(code)));

      const [probe, ...probeArgs] = execForm(all(runtime, 'HEALTHCHECK')[0].args) ?? [];
      assert.equal(probe, 'node');
      const deadline = Date.now() + 60_000;
      let healthy = false;
      while (!healthy && Date.now() < deadline && child.exitCode === null) {
        healthy = spawnSync(process.execPath, probeArgs, { env: containerEnv, timeout: 10_000 }).status === 0;
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.ok(healthy, `HEALTHCHECK never passed: ${output}`);

      const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(personalMessage(connector.url, chair, 'show priority 5')),
      });
      assert.equal(response.status, 200);
      assert.match(cardText(onlyCard(connector.sentActivities()[0])), /Priority 5: Address neglect/);
      // Not a terminal: one JSON object per line for the log collector.
      for (const line of output.trim().split('\n')) assert.doesNotThrow(() => JSON.parse(line), line);
    });

    it('stops cleanly on SIGTERM (its STOPSIGNAL)', async () => {
      assert.equal(all(runtime, 'STOPSIGNAL')[0]?.args ?? 'SIGTERM', 'SIGTERM');
      child?.kill('SIGTERM');
      assert.equal(await exited, 0, output);
    });
  });
});
