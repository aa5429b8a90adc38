import path from 'node:path';
import { repoRoot } from '../../scripts/support/repo-paths';

export function fixtureFile(...segments: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', ...segments);
}
