import { existsSync } from 'node:fs';
import path from 'node:path';

// Code runs from dist/..., but data files (plan JSON, test fixtures) are not copied by tsc, so they are
// read from the source tree. Walking up to package.json works from dist and from source alike.
function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no package.json above ${start}`);
    }
    dir = parent;
  }
  return dir;
}

export const repoRoot = findRepoRoot(__dirname);

export const shippedPlanFile = path.join(repoRoot, 'plan', 'oscb-2017-19.json');
