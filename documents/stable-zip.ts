import { unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * An Office file re-packed so the same content always gives the same bytes: every entry stamped with
 * `producedAt` instead of the moment it was zipped, in the order the writer gave them. `edit` may change
 * an entry's text on the way (the Word writer fills in its table rows and its own timestamps there).
 */
export function stableZip(
  zipped: Uint8Array,
  producedAt: string,
  edit: (path: string, text: string) => string = (_path, text) => text,
): Buffer {
  const mtime = zipTime(producedAt);
  const entries: Zippable = {};
  for (const [path, data] of Object.entries(unzipSync(zipped))) {
    const edited = /\.(xml|rels)$/.test(path) ? editText(path, data, edit) : data;
    entries[path] = [edited, { mtime }];
  }
  return Buffer.from(zipSync(entries, { level: 6 }));
}

function editText(path: string, data: Uint8Array, edit: (path: string, text: string) => string): Uint8Array {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  const edited = edit(path, text);
  return edited === text ? data : Buffer.from(edited, 'utf8');
}

/**
 * A zip entry's time has no zone, two-second steps and years 1980–2099 only; fflate reads it in the
 * machine's zone, so the instant's UTC wall time is handed over in that zone and the bytes do not depend
 * on where the bot runs.
 */
function zipTime(instant: string): Date {
  const at = new Date(instant);
  const year = Math.min(2099, Math.max(1980, at.getUTCFullYear()));
  return new Date(
    year,
    at.getUTCMonth(),
    at.getUTCDate(),
    at.getUTCHours(),
    at.getUTCMinutes(),
    at.getUTCSeconds(),
  );
}
