import { readZipEntries } from './zip-entries';

/**
 * Reads a workbook's parts straight from its XML with yauzl, independent of the library that wrote it.
 * Enough of SpreadsheetML for tests: sheet names, cell values and types, and each cell's style.
 */
export interface XlsxCell {
  /** The text of a string cell, or the raw number text of a numeric one. */
  value: string;
  kind: 'string' | 'number';
  style: { numberFormat: string | undefined; fillRgb: string | undefined };
}

export interface XlsxSheet {
  name: string;
  xml: string;
  cells: ReadonlyMap<string, XlsxCell>;
  /** Row by row, A.., as text; empty cells are ''. */
  rows: string[][];
}

export async function readXlsx(workbook: Buffer): Promise<XlsxSheet[]> {
  const entries = new Map(
    (await readZipEntries(workbook)).map((entry) => [entry.name, entry.data.toString('utf8')]),
  );
  const part = (name: string): string => {
    const text = entries.get(name);
    if (text === undefined) throw new Error(`no ${name} in the workbook`);
    return text;
  };
  const sharedStrings = [
    ...(entries.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g),
  ].map((match) =>
    [...match[1].matchAll(/<t(?: [^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => decodeXml(t[1])).join(''),
  );
  const styles = readStyles(part('xl/styles.xml'));
  const relations = new Map(
    [
      ...part('xl/_rels/workbook.xml.rels').matchAll(
        /<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g,
      ),
    ].map((match) => [match[1], match[2].replace(/^\/?(xl\/)?/, 'xl/')]),
  );
  return [...part('xl/workbook.xml').matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)].map(
    (match) => {
      const xml = part(relations.get(match[2]) ?? '');
      const cells = readCells(xml, sharedStrings, styles);
      return { name: decodeXml(match[1]), xml, cells, rows: tabulate(cells) };
    },
  );
}

function readCells(
  xml: string,
  sharedStrings: readonly string[],
  styles: readonly XlsxCell['style'][],
): Map<string, XlsxCell> {
  const cells = new Map<string, XlsxCell>();
  for (const match of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const [, ref, attributes, body = ''] = match;
    const type = /\bt="([^"]+)"/.exec(attributes)?.[1];
    const styleIndex = Number(/\bs="(\d+)"/.exec(attributes)?.[1] ?? 0);
    const raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    const inline = /<is>([\s\S]*?)<\/is>/.exec(body)?.[1];
    const style = styles[styleIndex] ?? { numberFormat: undefined, fillRgb: undefined };
    if (type === 's' && raw !== undefined) {
      cells.set(ref, { value: sharedStrings[Number(raw)], kind: 'string', style });
    } else if (type === 'inlineStr' && inline !== undefined) {
      cells.set(ref, { value: decodeXml(inline.replace(/<[^>]+>/g, '')), kind: 'string', style });
    } else if (type === 'str' && raw !== undefined) {
      cells.set(ref, { value: decodeXml(raw), kind: 'string', style });
    } else if (raw !== undefined) {
      cells.set(ref, { value: raw, kind: 'number', style });
    }
  }
  return cells;
}

function readStyles(xml: string): XlsxCell['style'][] {
  const formats = new Map(
    [...xml.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((match) => [
      match[1],
      decodeXml(match[2]),
    ]),
  );
  const fills = [
    ...(/<fills[^>]*>([\s\S]*?)<\/fills>/.exec(xml)?.[1] ?? '').matchAll(/<fill>([\s\S]*?)<\/fill>/g),
  ].map((match) =>
    /patternType="solid"/.test(match[1]) ? /<fgColor rgb="([0-9A-F]{8})"/.exec(match[1])?.[1] : undefined,
  );
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...cellXfs.matchAll(/<xf ([^>]*?)\/?>/g)].map((match) => {
    const numFmtId = /numFmtId="(\d+)"/.exec(match[1])?.[1] ?? '0';
    const fillId = Number(/fillId="(\d+)"/.exec(match[1])?.[1] ?? 0);
    return { numberFormat: formats.get(numFmtId) ?? BUILT_IN_FORMATS[numFmtId], fillRgb: fills[fillId] };
  });
}

const BUILT_IN_FORMATS: Readonly<Record<string, string>> = {
  '0': 'General',
  '14': 'mm-dd-yy',
  '22': 'm/d/yy h:mm',
};

function tabulate(cells: ReadonlyMap<string, XlsxCell>): string[][] {
  const rows: string[][] = [];
  for (const [ref, cell] of cells) {
    const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref) ?? [];
    const column = [...letters].reduce((total, letter) => total * 26 + letter.charCodeAt(0) - 64, 0) - 1;
    const row = (rows[Number(digits) - 1] ??= []);
    row[column] = cell.value;
  }
  return Array.from(rows, (row) => Array.from(row ?? [], (value) => value ?? ''));
}

export function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[entity] ?? '';
  });
}

/** Excel's serial day number for a UTC wall-clock moment (days since 1899-12-30). */
export function excelSerial(utc: Date): number {
  return utc.getTime() / 86_400_000 + 25_569;
}
