'use strict';
// Preloaded by the npm scripts that run compiled code (`node --require ./scripts/build/require-built.cjs
// dist/...`): a missing or stale build stops with one line saying what to do, instead of running old code
// or compiling on every start.
const path = require('node:path');
const { staleReason } = require('./build-stamp.cjs');
const { nodeVersionProblem } = require('./node-version.cjs');

const wrongNode = nodeVersionProblem();
if (wrongNode) {
  process.stderr.write(`${wrongNode}\n`);
  process.exit(1);
}

const reason = staleReason(path.resolve(__dirname, '..', '..'));
if (reason) {
  process.stderr.write(`${reason}\n`);
  process.exit(1);
}
