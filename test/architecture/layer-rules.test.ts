import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../scripts/support/repo-paths';

const run = promisify(execFile);

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Runs the layer check (the same config `npm test` uses) over a tree and answers its violations. */
async function violationsIn(tree: string): Promise<string[]> {
  const cli = path.join(repoRoot, 'node_modules', '.bin', 'depcruise');
  const config = path.join(repoRoot, '.dependency-cruiser.cjs');
  const folders = [
    'app',
    'bot',
    'cards',
    'documents',
    'domain',
    'plan',
    'scripts',
    'storage',
    'test',
    'views',
  ];
  // depcruise exits non-zero when it finds violations; its JSON report is on stdout either way.
  const { stdout } = await run(cli, [...folders, '--config', config, '--output-type', 'json'], {
    cwd: tree,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const report = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations
    .map(({ rule, from, to }) => `${rule.name}: ${from} → ${to.replace(/^.*node_modules\/([^/]+).*$/, '$1')}`)
    .sort();
}

describe('the layer check fails when a layer rule is broken', function () {
  this.timeout(60_000);

  it('reports every broken rule in a tree that breaks each kind once (its own stand-in packages in node_modules/), and nothing else', async () => {
    const tree = path.join(repoRoot, 'test', 'fixtures', 'layer-violations');
    assert.deepEqual(
      await violationsIn(tree),
      [
        'app-has-no-io: app/use-case.ts → fs',
        'app-uses-only-its-packages: app/use-case.ts → botbuilder',
        'app-uses-ports: app/use-case.ts → storage/table.ts',
        'bot-reaches-storage-only-in-the-composition-root: bot/route.ts → storage/table.ts',
        'cards-draw-view-models: cards/card.ts → domain/rule.ts',
        'code-lives-in-the-layers: app/use-case.ts → shared.ts',
        'documents-draw-view-models: documents/pack.ts → domain/rule.ts',
        'domain-is-pure: domain/rule.ts → cards/card.ts',
        'domain-is-pure: domain/rule.ts → test/support.ts',
        'domain-uses-only-its-packages: domain/server.ts → restify',
        'no-cycles: cards/card.ts → domain/rule.ts',
        'plan-is-data: plan/schema.ts → domain/rule.ts',
        'product-code-never-imports-scripts-or-tests: domain/rule.ts → test/support.ts',
        'product-code-uses-production-dependencies: views/view.ts → mocha',
        'scripts-never-import-tests: scripts/bench.ts → test/support.ts',
        'storage-implements-ports: storage/table.ts → views/view.ts',
        'teams-sdk-only-in-bot: app/use-case.ts → botbuilder',
        'views-are-view-models: views/view.ts → cards/card.ts',
        'views-uses-only-its-packages: views/view.ts → mocha',
      ].sort(),
    );
  });
});
