'use strict';
// The Node versions the bot is tested on, as caret ranges ("^22.12.0 || ^24.0.0"): each allows later
// versions of its own major line. Read without a semver package so that a start on the wrong Node can
// say so before anything else is loaded.
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

/**
 * The same ranges as package.json's `engines.node` (test/deploy/production-dependencies.test.ts checks
 * they agree); a constant, because this runs before anything else and also where no package.json is.
 */
const SUPPORTED = '^22.12.0 || ^24.0.0';

/** One line for a person when this Node is not one the bot supports; undefined when it is. */
function nodeVersionProblem(version = process.version, engines = SUPPORTED) {
  if (satisfies(version, engines)) return undefined;
  return `OSCB Plan Bot needs ${describe(engines)} (this is Node ${version}): install Node 24 LTS, or put it first on PATH`;
}

module.exports = { nodeVersionProblem, satisfies, caretRanges, SUPPORTED };
