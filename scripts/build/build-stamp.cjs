'use strict';
// Plain CommonJS, not TypeScript: it has to run before anything is compiled (npm start's preload, npm
// ci's prepare step), so it cannot live in dist/.
const fs = require('node:fs');
const path = require('node:path');

const STAMP = path.join('dist', '.build-stamp');

/** The folders tsc compiles, as tsconfig.json lists them. */
function sourceFolders(root) {
  const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
  return tsconfig.include ?? [];
}

/**
 * Newest file tsc reads: every .ts, and every .json it copied to dist (card templates imported with
 * resolveJsonModule). Data read at run time, such as the plan file, does not make the build stale.
 */
function newestSource(root) {
  let newest = { file: path.join(root, 'tsconfig.json'), mtimeMs: 0 };
  const consider = (file) => {
    const { mtimeMs } = fs.statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  };
  if (fs.existsSync(newest.file)) consider(newest.file);
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts')) consider(file);
      else if (entry.name.endsWith('.json') && fs.existsSync(path.join(root, 'dist', path.relative(root, file))))
        consider(file);
    }
  };
  for (const folder of sourceFolders(root)) {
    const dir = path.join(root, folder);
    if (fs.existsSync(dir)) walk(dir);
  }
  return newest;
}

/** Why dist/ cannot be trusted (one line), or undefined when it was built from the current sources. */
function staleReason(root) {
  const stamp = path.join(root, STAMP);
  if (!fs.existsSync(stamp)) {
    return 'No build in dist/: run `npm run build` first (`npm ci` builds it too).';
  }
  // A production image ships dist/ without the TypeScript sources: nothing to compare, dist/ is the app.
  if (!fs.existsSync(path.join(root, 'tsconfig.json'))) return undefined;
  const built = fs.statSync(stamp).mtimeMs;
  const newest = newestSource(root);
  if (newest.mtimeMs > built) {
    return `The build in dist/ is older than ${path.relative(root, newest.file)}: run \`npm run build\` and start again.`;
  }
  return undefined;
}

function writeStamp(root) {
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(root, STAMP), `${new Date().toISOString()}\n`);
}

module.exports = { staleReason, writeStamp, STAMP };

if (require.main === module && process.argv[2] === 'write') {
  writeStamp(path.resolve(__dirname, '..', '..'));
}
