import { fromBuffer, type Entry, type ZipFile } from 'yauzl';

export interface ZipFileEntry {
  name: string;
  data: Buffer;
  /** As recorded in the central directory. */
  crc32: number;
  /** 0 stored, 8 deflated. */
  compressionMethod: number;
  /** The DOS timestamp, read as local time. */
  modified: Date;
}

/** Reads every entry with yauzl, a reader independent of the writer (yazl), checking sizes as it goes. */
export function readZipEntries(zip: Buffer): Promise<ZipFileEntry[]> {
  return new Promise((resolve, reject) => {
    fromBuffer(zip, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, file) => {
      if (error) return reject(error);
      const entries: ZipFileEntry[] = [];
      file.on('error', reject);
      file.on('end', () => resolve(entries));
      file.on('entry', (entry: Entry) => {
        readEntry(file, entry).then((data) => {
          entries.push({
            name: entry.fileName,
            data,
            crc32: entry.crc32,
            compressionMethod: entry.compressionMethod,
            modified: entry.getLastModDate(),
          });
          file.readEntry();
        }, reject);
      });
      file.readEntry();
    });
  });
}

function readEntry(file: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    file.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
