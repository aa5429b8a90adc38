import { randomUUID } from 'node:crypto';
import {
  BorderStyle,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

/** A cell's text, optionally on a fill (a RAG status); colours are six hex digits. */
export interface DocxCellText {
  text: string;
  fill?: string;
  colour?: string;
  bold?: boolean;
}

export type DocxCell = string | DocxCellText | Paragraph;

/** A row of one cell across the whole table: a group's title, kept with the row below it. */
export interface DocxSpanRow {
  span: DocxCell;
}

/** The paragraph style of table text, declared once in the document (nine point, tight spacing). */
export const TABLE_TEXT_STYLE = 'TableText';
/** The size of table text, in points (the style's size is in half-points). */
export const TABLE_POINTS = 9;

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' };

/**
 * A bordered table whose header row, when it has one, repeats on every page. `widths` are in twentieths of a point and
 * should add up to the page's text width. Borders, margins and text size are set once per table (not per
 * cell): a pack with thousands of changes is mostly table cells, and that keeps it fast to write.
 */
export function docxTable(
  headers: readonly string[] | null,
  rows: readonly (readonly DocxCell[] | DocxSpanRow)[],
  widths: readonly number[],
  options: { keepTogether?: boolean } = {},
): Table {
  const headerRows = headers
    ? [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: headers.map((header) => cell({ text: header, bold: true, fill: 'F2F2F2' })),
        }),
      ]
    : [];
  // Word keeps a table on one page when every row's text is "kept with next" but the last.
  const keepNext = (index: number) => options.keepTogether === true && index < rows.length - 1;
  return new Table({
    width: { size: widths.reduce((total, width) => total + width, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [
      ...headerRows,
      ...(writtenAsText(rows, widths, keepNext) ??
        rows.map((row, index) =>
          'span' in row
            ? // A group's title never ends a page: it is kept with the group's first row.
              new TableRow({ cantSplit: true, children: [cell(row.span, true, widths.length)] })
            : new TableRow({ cantSplit: true, children: row.map((value) => cell(value, keepNext(index))) }),
        )),
    ],
  });
}

/**
 * docx builds about a dozen objects for every cell (cell, properties, paragraph, run, text), then walks
 * them all to write XML: a five-year appendix of 80,000 cells took five seconds and most of it was that.
 * Inside `withTableRows`, rows of plain text are written here as WordprocessingML, the same bytes docx
 * writes (a test compares them), and spliced into the document in place of one marker row.
 */
let collected: Map<string, string> | undefined;

function writtenAsText(
  rows: readonly (readonly DocxCell[] | DocxSpanRow)[],
  widths: readonly number[],
  keepNext: (index: number) => boolean,
): TableRow[] | undefined {
  if (!collected || rows.length === 0) return undefined;
  const isPlain = (value: DocxCell) =>
    typeof value === 'string' || (!(value instanceof Paragraph) && value.bold !== false);
  const plain = rows.every((row) =>
    'span' in row ? isPlain(row.span) : row.length === widths.length && row.every(isPlain),
  );
  if (!plain) return undefined;
  const marker = `oscb-table-rows-${randomUUID()}`;
  collected.set(
    marker,
    rows
      .map((row, index) =>
        'span' in row
          ? spanRowXml(row.span as string | DocxCellText, widths)
          : rowXml(row as readonly (string | DocxCellText)[], widths, keepNext(index)),
      )
      .join(''),
  );
  return [new TableRow({ children: [new TableCell({ children: [new Paragraph(marker)] })] })];
}

/**
 * Runs `build` (which makes and packs a document) with its tables' plain rows written as text; `fill`
 * puts them into the packed document.xml.
 */
export function withTableRows<T>(build: () => T): { built: T; fill: (documentXml: string) => string } {
  const outer = collected;
  const rows = new Map<string, string>();
  collected = rows;
  try {
    return { built: build(), fill: (documentXml) => fillRows(documentXml, rows) };
  } finally {
    collected = outer;
  }
}

function fillRows(documentXml: string, rows: ReadonlyMap<string, string>): string {
  const found = [...rows].map(([marker, xml]) => {
    const at = documentXml.indexOf(marker);
    if (at < 0) throw new Error('a table was built but not written into the document');
    const start = documentXml.lastIndexOf('<w:tr>', at);
    const end = documentXml.indexOf('</w:tr>', at) + '</w:tr>'.length;
    return { start, end, xml };
  });
  found.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let from = 0;
  for (const { start, end, xml } of found) {
    parts.push(documentXml.slice(from, start), xml);
    from = end;
  }
  parts.push(documentXml.slice(from));
  return parts.join('');
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
};

/** As docx escapes text: the five entities, and control characters XML cannot hold are dropped. */
function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (char) => XML_ESCAPES[char] ?? '');
}

function rowXml(
  row: readonly (string | DocxCellText)[],
  widths: readonly number[],
  keepNext: boolean,
): string {
  const cells = row.map((value, column) =>
    cellXml(typeof value === 'string' ? { text: value } : value, widths[column], keepNext),
  );
  return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cells.join('')}</w:tr>`;
}

function spanRowXml(value: string | DocxCellText, widths: readonly number[]): string {
  const width = widths.reduce((total, each) => total + each, 0);
  const text = typeof value === 'string' ? { text: value } : value;
  return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cellXml(text, width, true, widths.length)}</w:tr>`;
}

function cellXml(value: DocxCellText, width: number, keepNext: boolean, span = 1): string {
  const shading =
    value.fill === undefined
      ? ''
      : `<w:shd w:fill="${escapeXml(value.fill)}" w:color="auto" w:val="clear"/><w:vAlign w:val="center"/>`;
  const plain = value.bold === undefined && value.colour === undefined;
  const properties =
    (value.bold ? '<w:b/><w:bCs/>' : '') +
    (value.colour === undefined ? '' : `<w:color w:val="${escapeXml(value.colour)}"/>`);
  const runs = value.text.split('\n').map((line, index) => {
    const text = `<w:t xml:space="preserve">${escapeXml(line)}</w:t>`;
    if (plain && index === 0) return `<w:r>${text}</w:r>`;
    return `<w:r>${properties ? `<w:rPr>${properties}</w:rPr>` : ''}${index === 0 ? '' : '<w:br/>'}${text}</w:r>`;
  });
  return (
    `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${shading}</w:tcPr>` +
    `<w:p><w:pPr><w:pStyle w:val="${TABLE_TEXT_STYLE}"/>${keepNext ? '<w:keepNext/>' : ''}</w:pPr>` +
    `${runs.join('')}</w:p></w:tc>`
  );
}

function cell(value: DocxCell, keepNext = false, columnSpan?: number): TableCell {
  if (value instanceof Paragraph) return new TableCell({ columnSpan, children: [value] });
  if (typeof value === 'string')
    return new TableCell({ columnSpan, children: [paragraph({ text: value }, keepNext)] });
  return new TableCell({
    columnSpan,
    shading:
      value.fill === undefined ? undefined : { type: ShadingType.CLEAR, color: 'auto', fill: value.fill },
    // A status on its colour fills its cell however tall the row, with the word in the middle.
    verticalAlign: value.fill === undefined ? undefined : VerticalAlign.CENTER,
    children: [paragraph(value, keepNext)],
  });
}

function paragraph(value: DocxCellText, keepNext: boolean): Paragraph {
  const lines = value.text.split('\n');
  const plain = value.bold === undefined && value.colour === undefined;
  return new Paragraph({
    style: TABLE_TEXT_STYLE,
    keepNext: keepNext || undefined,
    children: lines.map((line, index) =>
      plain && index === 0
        ? new TextRun(line)
        : new TextRun({ text: line, break: index === 0 ? 0 : 1, bold: value.bold, color: value.colour }),
    ),
  });
}
