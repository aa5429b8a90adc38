import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { repoRoot } from '../../scripts/support/repo-paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { nodeVersionProblem, SUPPORTED } = require('../../../scripts/build/node-version.cjs') as {
  nodeVersionProblem(version: string, engines?: string): string | undefined;
  SUPPORTED: string;
};

/** The Bot Framework SDK for JavaScript and Teams AI v1: archived upstream, no security fixes since 2025. */
const ARCHIVED = /^(botbuilder(-.*)?|botframework-.*|@microsoft\/teams-ai)$/;
const TEAMS_SDK = ['@microsoft/teams.apps', '@microsoft/teams.api', '@microsoft/teams.cards'];
const TESTED_NODES = ['22.12.0', '24.0.0'];

interface LockPackage {
  version?: string;
  dev?: boolean;
  engines?: { node?: string } | string[];
}

const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  engines: { node: string };
  dependencies: Record<string, string>;
};
const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockPackage>;
};

/** Every package `npm ls --omit=dev` lists, by name, as npm itself resolves the production tree. */
function productionTree(): Set<string> {
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable', '--long'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.ok(listed.stdout, `npm ls printed nothing: ${listed.stderr}`);
  // Each line: <path>:<name>@<version>[:...]
  const names = listed.stdout
    .split('\n')
    .map((line) => /:((?:@[^/:]+\/)?[^@:]+)@[^:]*/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
  return new Set(names);
}

describe('production dependencies', function () {
  this.timeout(60_000);

  it('hold no archived Bot Framework or Teams AI v1 package (npm ls --omit=dev)', () => {
    const tree = productionTree();
    assert.ok(tree.has('@microsoft/teams.apps'), 'the listing is read (positive control)');
    assert.deepEqual(
      [...tree].filter((name) => ARCHIVED.test(name)),
      [],
    );
  });

  it('pin the Teams SDK to one exact 2.1 release, the same for each of its packages', () => {
    const pinned = TEAMS_SDK.map((name) => packageJson.dependencies[name]);
    for (const [index, version] of pinned.entries())
      assert.ok(semver.valid(version), `${TEAMS_SDK[index]} is pinned exactly, not "${version}"`);
    assert.equal(new Set(pinned).size, 1, 'one release for all of them');
    assert.ok(semver.satisfies(pinned[0], '~2.1.0'), `the 2.1 line, not ${pinned[0]}`);
  });

  it('all run on every Node the project is tested on, so npm ci prints no engine warning', () => {
    assert.equal(packageJson.engines.node, '^22.12.0 || ^24.0.0');
    assert.equal(SUPPORTED, packageJson.engines.node, 'npm start checks the versions engines names');
    const refused: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      if (!where || entry.dev || !range) continue;
      for (const node of TESTED_NODES)
        if (!semver.satisfies(node, range)) refused.push(`${where} (${range}) on Node ${node}`);
    }
    assert.deepEqual(refused, []);
  });

  describe('npm start on a Node the project does not support', () => {
    const cases: [string, boolean][] = [
      ['v20.19.0', false],
      ['v22.11.0', false],
      ['v22.12.0', true],
      ['v22.20.1', true],
      ['v23.11.0', false],
      ['v24.0.0', true],
      ['v24.22.3', true],
    ];
    for (const [version, supported] of cases) {
      it(`${supported ? 'starts' : 'refuses'} on Node ${version}`, () => {
        const problem = nodeVersionProblem(version);
        if (supported) assert.equal(problem, undefined);
        else {
          assert.ok(problem, 'refused');
          assert.doesNotMatch(problem, /\n/, 'in one line');
          assert.match(problem, /Node 22\.12/);
          assert.match(problem, /Node 24/);
          assert.ok(problem.includes(version), 'naming the Node it found');
        }
      });
    }

    const machineNode = '/usr/bin/node';
    const machineVersion = fs.existsSync(machineNode)
      ? spawnSync(machineNode, ['--version'], { encoding: 'utf8' }).stdout.trim()
      : '';
    const old = machineVersion !== '' && semver.lt(machineVersion, '22.12.0');
    (old ? it : it.skip)(
      `refuses in one line on this machine's own Node (${machineVersion || 'none'}), as npm start runs it`,
      () => {
        const started = spawnSync(
          machineNode,
          ['--require', './scripts/build/require-built.cjs', 'dist/bot/main.js'],
          { cwd: repoRoot, encoding: 'utf8', timeout: 20_000, env: { ...process.env, PORT: '0' } },
        );
        assert.equal(started.status, 1);
        assert.equal(started.stdout, '');
        const lines = started.stderr.trim().split('\n');
        assert.equal(lines.length, 1, started.stderr);
        assert.match(lines[0], /needs Node 22\.12 .* Node 24 \(this is Node v\d+/);
      },
    );
  });
});
