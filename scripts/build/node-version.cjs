'use strict';
// The Node versions the bot is tested on are package.json's `engines.node`, written as caret ranges
// ("^22.12.0 || ^24.0.0"): each allows later versions of its own major line. Read here without a semver
// package so that a start on the wrong Node can say so before anything else is loaded.
const path = require('node:path');

function parse(version) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  return match ? match.slice(1, 4).map(Number) : undefined;
}

function caretRanges(engines) {
  return engines.split('||').map((part) => {
    const match = /^\s*\^(\d+\.\d+\.\d+)\s*$/.exec(part);
    if (!match) throw new Error(`engines.node must be caret ranges joined by ||, not "${engines}"`);
    return parse(match[1]);
  });
}

function satisfies(version, engines) {
  const [major, minor, patch] = parse(version) ?? [];
  return caretRanges(engines).some(
    ([m, n, p]) => major === m && (minor > n || (minor === n && patch >= p)),
  );
}

/** "Node 22.12 or later 22.x, or Node 24" for "^22.12.0 || ^24.0.0". */
function describe(engines) {
  return caretRanges(engines)
    .map(([m, n]) => (n === 0 ? `Node ${m}` : `Node ${m}.${n} or a later ${m}.x`))
    .join(', or ');
}

function supportedEngines(root = path.resolve(__dirname, '..', '..')) {
  return require(path.join(root, 'package.json')).engines.node;
}

/** One line for a person when this Node is not one the bot supports; undefined when it is. */
function nodeVersionProblem(version = process.version, engines = supportedEngines()) {
  if (satisfies(version, engines)) return undefined;
  return `OSCB Plan Bot needs ${describe(engines)} (this is Node ${version}): install Node 24 LTS, or put it first on PATH`;
}

module.exports = { nodeVersionProblem, satisfies, caretRanges };
