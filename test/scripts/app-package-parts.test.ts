import { strict as assert } from 'node:assert';
import zlib from 'node:zlib';
import { createZip } from '../../scripts/app-package/zip-writer';
import { readZipEntries } from '../support/zip-entries';

describe('app package zip', () => {
  const entries = [
    { name: 'manifest.json', data: Buffer.from('{"a":"' + 'x'.repeat(500) + '"}') },
    { name: 'color.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
    { name: 'folder/empty.txt', data: Buffer.alloc(0) },
  ];

  it('holds entries that an independent reader reads back unchanged, with matching CRCs', async () => {
    const read = await readZipEntries(await createZip(entries));
    assert.deepEqual(
      read.map(({ name, data }) => ({ name, data })),
      entries,
    );
    for (const entry of read) assert.equal(entry.crc32, zlib.crc32(entry.data), `${entry.name} CRC`);
  });

  it('deflates text and stores PNGs, which are compressed already', async () => {
    const read = await readZipEntries(await createZip(entries));
    assert.deepEqual(
      read.map(({ name, compressionMethod }) => [name, compressionMethod]),
      [
        ['manifest.json', 8],
        ['color.png', 0],
        ['folder/empty.txt', 8],
      ],
    );
  });

  it('stamps every entry with a fixed time, so the same entries give the same bytes', async () => {
    const read = await readZipEntries(await createZip(entries));
    for (const entry of read) assert.deepEqual(entry.modified, new Date(2000, 0, 1), entry.name);
  });
});
