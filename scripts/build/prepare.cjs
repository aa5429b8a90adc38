'use strict';
// `npm ci` runs this (the package's prepare script), so `npm ci && npm start` builds once at install.
// A production install (`npm ci --omit=dev`) has no TypeScript: it runs the dist/ built elsewhere, so
// the build is skipped with a note rather than failing the install.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
try {
  require.resolve('typescript', { paths: [root] });
} catch {
  process.stdout.write('prepare: TypeScript is not installed (production install); using the existing dist/.\n');
  process.exit(0);
}
// npm sets npm_execpath for lifecycle scripts: the same npm runs the one build definition in package.json.
const result = spawnSync(process.execPath, [process.env.npm_execpath, 'run', 'build', '--silent'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
