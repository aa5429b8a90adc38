import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../scripts/support/repo-paths';

describe('npm run digest: options', () => {
  const digestMain = path.join(repoRoot, 'dist', 'bot', 'digest-main.js');
  const cases: string[][] = [['--dryrun'], ['--dry-run', '--jsn'], ['dry-run'], ['--forcee']];
  for (const args of cases) {
    it(`refuses ${args.join(' ')} before reading any configuration or posting`, () => {
      const result = spawnSync(process.execPath, [digestMain, ...args], {
        // No storage and BOT_ID set: a run that went any further would fail differently.
        env: { PATH: process.env.PATH ?? '', BOT_ID: '00000000-0000-0000-0000-000000000001' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, /unknown option .*use --dry-run \[--json\], --force, --wait <seconds>/);
      assert.equal(result.stdout, '');
    });
  }
});
