import { ZipFile } from 'yazl';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** A fixed time, so the same inputs give the same bytes (and Teams sees no spurious change). */
const ENTRY_TIME = new Date(2000, 0, 1);
/** PNGs are already deflated; compressing them again only costs time. */
const STORED = /\.png$/i;

export function createZip(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const { name, data } of entries) {
    zip.addBuffer(data, name, { mtime: ENTRY_TIME, forceDosTimestamp: true, compress: !STORED.test(name) });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
