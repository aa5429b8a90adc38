/** Excel's default row height for 11-point Calibri, in points. */
const LINE_HEIGHT = 15;
/** Excel's tallest row. */
const MAX_HEIGHT = 409;
/** A column's width counts "0" digits; ordinary text runs narrower, about this many characters per unit. */
const CHARACTERS_PER_WIDTH = 1.1;

/**
 * The height a row needs to show its wrapped text, in points, or undefined for one line. Neither Excel nor
 * LibreOffice reliably grows a row to fit wrapped text on opening, so the row is given its height.
 */
export function wrappedRowHeight(
  values: readonly unknown[],
  columns: readonly { width: number; wrap?: boolean }[],
): number | undefined {
  let lines = 1;
  values.forEach((value, index) => {
    const column = columns[index];
    if (!column?.wrap || typeof value !== 'string') return;
    const perLine = Math.max(1, Math.floor(column.width * CHARACTERS_PER_WIDTH));
    const needed = value.split('\n').reduce((sum, line) => sum + wrappedLines(line, perLine), 0);
    lines = Math.max(lines, needed);
  });
  return lines === 1 ? undefined : Math.min(MAX_HEIGHT, lines * LINE_HEIGHT);
}

/** Lines a paragraph takes when wrapped at spaces, as spreadsheets do; a word longer than a line is split. */
function wrappedLines(text: string, perLine: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(' ')) {
    const length = Array.from(word).length;
    if (used > 0 && used + 1 + length <= perLine) {
      used += 1 + length;
      continue;
    }
    if (used > 0) lines += 1;
    lines += Math.max(0, Math.ceil(length / perLine) - 1);
    used = length % perLine === 0 && length > 0 ? perLine : length % perLine;
  }
  return lines;
}
