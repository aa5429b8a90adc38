import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAzurite } from '../../storage/azurite-process';
import { createTableClients, ensureTables } from '../../storage/table-clients';

/** Every file and folder under `folder`, with its permission bits. */
function modes(folder: string): [string, number][] {
  return fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((name) => {
    return [name, fs.statSync(path.join(folder, name)).mode & 0o777];
  });
}

describe('the embedded store keeps its data private', function () {
  this.timeout(60_000);
  let parent: string;
  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-private-'));
  });
  afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('a new data folder is 0700 and every file Azurite writes in it 0600, whatever the umask', async () => {
    const directory = path.join(parent, '.data');
    const previous = process.umask(0o002);
    let azurite;
    try {
      azurite = await startAzurite({ port: 0, directory });
    } finally {
      process.umask(previous);
    }
    const tables = createTableClients(azurite.connectionString, 'private');
    await ensureTables(tables);
    await tables.planStatus.createEntity({ partitionKey: 'p', rowKey: 'cur|5.1', note: 'a note' });
    await azurite.stop();
    assert.equal(fs.statSync(directory).mode & 0o777, 0o700);
    const written = modes(directory);
    assert.ok(written.length > 0, 'Azurite wrote its database');
    for (const [name, mode] of written) {
      const isFolder = fs.statSync(path.join(directory, name)).isDirectory();
      assert.equal(mode, isFolder ? 0o700 : 0o600, `${name} is ${mode.toString(8)}`);
    }
  });

  it('a data folder an earlier version left readable is made private at start', async () => {
    const directory = path.join(parent, '.data');
    fs.mkdirSync(directory, { mode: 0o755 });
    fs.chmodSync(directory, 0o755);
    fs.writeFileSync(path.join(directory, 'old-notes.json'), '{}', { mode: 0o644 });
    fs.chmodSync(path.join(directory, 'old-notes.json'), 0o644);
    const azurite = await startAzurite({ port: 0, directory });
    await azurite.stop();
    assert.equal(fs.statSync(directory).mode & 0o777, 0o700);
    assert.equal(fs.statSync(path.join(directory, 'old-notes.json')).mode & 0o777, 0o600);
  });
});
