import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../scripts/support/repo-paths';

const run = promisify(execFile);

// A child that logs the way the bot does: createLogger with its default destination (stdout).
const LOGGING_CHILD = [
  `const { createLogger } = require(${JSON.stringify(path.join(repoRoot, 'dist', 'bot', 'logger.js'))});`,
  `const logger = createLogger('info');`,
  `logger.info({ port: 3978, db: { connectionString: 'AccountKey=secret' } }, 'bot listening');`,
  `logger.debug({ note: 'an owner note' }, 'note');`,
].join('\n');

describe('logs', () => {
  let childScript = '';
  before(() => {
    childScript = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-logs-')), 'log.js');
    fs.writeFileSync(childScript, LOGGING_CHILD);
  });
  after(() => fs.rmSync(path.dirname(childScript), { recursive: true, force: true }));

  it('are one JSON object per line when stdout is not a terminal (log collectors, pipes)', async () => {
    const { stdout } = await run(process.execPath, [childScript]);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 1, stdout);
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    assert.equal(line.msg, 'bot listening');
    assert.deepEqual(line.db, { connectionString: '[redacted]' });
  });

  it('are readable lines, still redacted, when stdout is a terminal', async function () {
    // util-linux's `script` gives the child a pseudo-terminal, as a person's shell or SSH session would.
    if (!fs.existsSync('/usr/bin/script')) this.skip(); // no util-linux `script`: no terminal to test with
    const { stdout } = await run('/usr/bin/script', [
      '-qec',
      `'${process.execPath}' '${childScript}'`,
      '/dev/null',
    ]);
    const plain = stdout.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
    assert.match(plain, /^\[\d\d:\d\d:\d\d\] INFO: bot listening/m);
    assert.match(plain, /port: 3978/);
    assert.match(plain, /\[redacted\]/);
    assert.doesNotMatch(plain, /AccountKey=secret|"level"|an owner note/);
  });
});
