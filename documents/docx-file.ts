import { Packer, type Document } from 'docx';
import { withTableRows } from './docx-table';
import { stableZip } from './stable-zip';

/**
 * A Word file whose bytes depend only on what `build` puts in it and `producedAt`: the same record gives
 * the same file, so the size offered in Teams is the size uploaded. docx stamps the clock into
 * docProps/core.xml and the zip, names hyperlinks with Math.random, and numbers drawings and the contents'
 * heading bookmarks from counters kept for the life of the process; all of these are fixed here.
 */
export async function stableDocx(build: () => Document, producedAt: string): Promise<Buffer> {
  const { built, fill } = withTableRows(() => withSeededRandom(() => Packer.toBuffer(build())));
  const stamp = new Date(producedAt).toISOString();
  return stableZip(await built, producedAt, (path, text) => {
    if (path === 'word/document.xml') return numberContentsBookmarks(numberDrawings(fill(text)));
    if (path === 'docProps/core.xml') {
      return text.replace(
        /(<dcterms:(created|modified) xsi:type="dcterms:W3CDTF">)[^<]*(<\/dcterms:\2>)/g,
        `$1${stamp}$3`,
      );
    }
    return text;
  });
}

/**
 * docx draws every id it makes up from Math.random, while it builds and packs (both synchronous); a
 * fixed sequence for that span gives the same ids every time. mulberry32: small, and good enough for ids.
 */
function withSeededRandom<T>(run: () => T): T {
  const random = Math.random;
  let seed = 0x2f6b_4c1d;
  Math.random = () => {
    seed = (seed + 0x6d2b_79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  try {
    return run();
  } finally {
    Math.random = random;
  }
}

/** Drawings numbered 1, 2, … in the order they appear: unique in the file, as Word needs, whatever ran before. */
function numberDrawings(documentXml: string): string {
  let next = 0;
  return documentXml.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${(next += 1)}"`);
}

/** The contents' heading bookmarks (`_Toc<n>`, and their w:id) numbered 1, 2, … in the order they appear. */
function numberContentsBookmarks(documentXml: string): string {
  const renumbered = new Map<string, number>();
  const numberOf = (old: string) => {
    if (!renumbered.has(old)) renumbered.set(old, renumbered.size + 1);
    return renumbered.get(old);
  };
  return documentXml
    .replace(/_Toc(\d+)/g, (_match, old: string) => `_Toc${numberOf(old)}`)
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*\bw:id=")(\d+)"/g, (match, head: string, old: string) =>
      renumbered.has(old) ? `${head}${renumbered.get(old)}"` : match,
    );
}
