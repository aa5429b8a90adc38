import { strict as assert } from 'node:assert';
import zlib from 'node:zlib';
import { crc32 } from '../../scripts/app-package/crc32';
import { decodePng } from '../../scripts/app-package/png-decoder';
import { encodePng, PNG_SIGNATURE } from '../../scripts/app-package/png-encoder';
import { createRgbaImage } from '../../scripts/app-package/rgba-image';
import { createZip } from '../../scripts/app-package/zip-writer';
import { readZipEntries } from '../support/zip-entries';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(head.subarray(4), data));
  return Buffer.concat([head, data, crc]);
}

/** A PNG written the way other tools write them: a different filter on each row, or a palette. */
function png(header: number[], rows: Buffer[], extraChunks: Buffer[] = []): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(header[0], 0);
  ihdr.writeUInt32BE(header[1], 4);
  ihdr[8] = header[2];
  ihdr[9] = header[3];
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    ...extraChunks,
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('app package parts', () => {
  it('crc32 gives the standard check value', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.from('1234'), Buffer.from('56789')), 0xcbf43926);
  });

  it('decodes what it encodes', () => {
    const image = createRgbaImage(3, 2);
    image.pixels.set([1, 2, 3, 4, 255, 255, 255, 0, 10, 20, 30, 255, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 128]);
    assert.deepEqual(decodePng(encodePng(image)), image);
  });

  it('undoes the Sub, Up, Average and Paeth filters', () => {
    // 2×4 RGB; each row's raw bytes are filtered by hand with the filter named first.
    const raw = [
      [10, 20, 30, 40, 50, 60],
      [11, 22, 33, 44, 55, 66],
      [200, 100, 50, 25, 12, 6],
      [1, 2, 3, 250, 251, 252],
    ];
    const sub = (row: number[]) => row.map((value, i) => (value - (i >= 3 ? row[i - 3] : 0)) & 0xff);
    const up = (row: number[], above: number[]) => row.map((value, i) => (value - above[i]) & 0xff);
    const average = (row: number[], above: number[]) =>
      row.map((value, i) => (value - (((i >= 3 ? row[i - 3] : 0) + above[i]) >> 1)) & 0xff);
    const paeth = (row: number[], above: number[]) =>
      row.map((value, i) => {
        const a = i >= 3 ? row[i - 3] : 0;
        const b = above[i];
        const c = i >= 3 ? above[i - 3] : 0;
        const p = a + b - c;
        const predictor =
          Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
            ? a
            : Math.abs(p - b) <= Math.abs(p - c)
              ? b
              : c;
        return (value - predictor) & 0xff;
      });
    const rows = [
      Buffer.from([1, ...sub(raw[0])]),
      Buffer.from([2, ...up(raw[1], raw[0])]),
      Buffer.from([3, ...average(raw[2], raw[1])]),
      Buffer.from([4, ...paeth(raw[3], raw[2])]),
    ];
    const decoded = decodePng(png([2, 4, 8, 2], rows));
    const expected = raw.flatMap((row) => [...row.slice(0, 3), 255, ...row.slice(3), 255]);
    assert.deepEqual([...decoded.pixels], expected);
  });

  it('reads palette images with transparency', () => {
    // 4×1, 2 bits per pixel: indexes 0,1,2,1 packed into one byte.
    const palette = chunk('PLTE', Buffer.from([255, 255, 255, 255, 0, 0, 0, 0, 0]));
    const transparency = chunk('tRNS', Buffer.from([255, 255, 0]));
    const decoded = decodePng(png([4, 1, 2, 3], [Buffer.from([0, 0b00011001])], [palette, transparency]));
    assert.deepEqual([...decoded.pixels], [255, 255, 255, 255, 255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255]);
  });

  it('zips entries that read back unchanged, stored or deflated', () => {
    const entries = [
      { name: 'manifest.json', data: Buffer.from('{"a":"' + 'x'.repeat(500) + '"}') },
      { name: 'tiny.bin', data: Buffer.from([7]) },
      { name: 'folder/empty.txt', data: Buffer.alloc(0) },
    ];
    const read = readZipEntries(createZip(entries));
    assert.deepEqual(
      read.map(({ name, data }) => ({ name, data })),
      entries,
    );
  });
});
