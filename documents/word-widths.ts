/**
 * Column widths for Word tables that do not break ordinary words. Widths are in twentieths of a point (twips).
 * Text width is estimated generously: Calibri (and Carlito, its metric twin) is narrower than this, and a
 * machine without either substitutes a wider sans such as DejaVu, which this still fits.
 */

const NARROW = new Set([..."iljtfrI.,:;'!|()[] "]);
const WIDE = new Set([...'mwMWOQGDHNU@%&']);

/** Twips one character takes at `points` size: narrow, wide, capital or ordinary letter. */
function characterWidth(character: string, points: number): number {
  const em = points * 20;
  if (NARROW.has(character)) return em * 0.36;
  if (WIDE.has(character)) return em * 0.92;
  if (character >= 'A' && character <= 'Z') return em * 0.7;
  return em * 0.6;
}

/** Estimated width of `text` on one line, in twips. */
export function textWidth(text: string, points: number, bold = false): number {
  let width = 0;
  for (const character of text) width += characterWidth(character, points);
  return width * (bold ? 1.08 : 1);
}

/** The words Word will not break inside: runs between spaces and line breaks. */
export function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}

/** Left and right cell margins of docxTable, in twips. */
export const CELL_MARGINS = 160;

export interface ColumnNeed {
  /** Share of the width left over once every column has room for its longest word. */
  weight: number;
  /** The cell texts of this column, header included. */
  texts: readonly string[];
  bold?: readonly boolean[];
  /** Keep the whole text on one line (dates, a RAG word), not just each word. */
  oneLine?: boolean;
  /** A word wider than this may wrap (an e-mail address in a narrow column). */
  maxWidth?: number;
}

/**
 * Widths that add up to `total`: each column first gets room for its longest word (or its whole text when
 * `oneLine`), capped by `maxWidth`; what is left is shared by weight. When even that does not fit, the
 * columns are shrunk in proportion.
 */
export function fittedWidths(columns: readonly ColumnNeed[], total: number, points: number): number[] {
  const mins = columns.map((column) => {
    let widest = 0;
    column.texts.forEach((text, index) => {
      const bold = column.bold?.[index] ?? false;
      const parts = column.oneLine ? text.split('\n') : wordsOf(text);
      for (const part of parts) widest = Math.max(widest, textWidth(part, points, bold));
    });
    const need = Math.ceil(widest) + CELL_MARGINS + 40;
    return Math.min(need, column.maxWidth ?? total);
  });
  const used = mins.reduce((sum, width) => sum + width, 0);
  if (used >= total)
    return fillTo(
      mins.map((width) => Math.floor((width * total) / used)),
      total,
    );
  const weights = columns.reduce((sum, column) => sum + column.weight, 0);
  const spare = total - used;
  return fillTo(
    mins.map((width, index) => width + Math.floor((spare * columns[index].weight) / weights)),
    total,
  );
}

/** Gives the rounding remainder to the widest column, so the widths add up to exactly `total`. */
function fillTo(widths: number[], total: number): number[] {
  const remainder = total - widths.reduce((sum, width) => sum + width, 0);
  const widest = widths.indexOf(Math.max(...widths));
  widths[widest] += remainder;
  return widths;
}
