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
      ...rows.map((row, index) => {
        if ('span' in row) {
          // A group's title never ends a page: it is kept with the group's first row.
          return new TableRow({ cantSplit: true, children: [cell(row.span, true, widths.length)] });
        }
        // Word keeps a table on one page when every row's text is "kept with next" but the last.
        const keepNext = options.keepTogether === true && index < rows.length - 1;
        return new TableRow({ cantSplit: true, children: row.map((value) => cell(value, keepNext)) });
      }),
    ],
  });
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
