import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What `npm ci --omit=dev` puts in node_modules, without the minute it takes here: every package the
 * lock file does not mark `dev`, hard-linked from the repository's own `npm ci` install (same lock, same
 * files). Set OSCB_REAL_NPM_CI=1 (as .ci/run does) to run the real `npm ci --omit=dev --offline` instead.
 */
export function installProductionDependencies(repoRoot: string, target: string): 'npm ci' | 'lock file' {
  if (process.env.OSCB_REAL_NPM_CI === '1') {
    const result = spawnSync(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--offline', '--no-audit', '--no-fund'],
      {
        cwd: target,
        encoding: 'utf8',
      },
    );
    if (result.status !== 0) throw new Error(`npm ci --omit=dev failed: ${result.stderr}`);
    return 'npm ci';
  }
  const lock = JSON.parse(fs.readFileSync(path.join(target, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; optional?: boolean }>;
  };
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (location === '' || entry.dev) continue;
    const source = path.join(repoRoot, location);
    if (!fs.existsSync(source)) {
      if (entry.optional) continue; // another platform's optional binary
      throw new Error(`${location} is in the lock file but not installed: run npm ci`);
    }
    linkPackage(source, path.join(target, location));
  }
  return 'lock file';
}

/** A package's own files; its nested node_modules are lock entries of their own. */
function linkPackage(source: string, target: string, top = true): void {
  fs.mkdirSync(target, { recursive: true });
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    if (top && entry.name === 'node_modules') continue;
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) linkPackage(from, to, false);
    else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    else fs.linkSync(from, to);
  }
}
