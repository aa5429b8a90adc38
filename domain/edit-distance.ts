/** How far apart two words are, for "did you mean": typed commands, status words, agency names. */

/** Optimal string alignment distance: Levenshtein, plus swapping two neighbouring letters ("hlep"). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const distances: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_unused, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      let best = Math.min(
        distances[row - 1][column] + 1,
        distances[row][column - 1] + 1,
        distances[row - 1][column - 1] + cost,
      );
      const isSwap = row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1];
      if (isSwap) best = Math.min(best, distances[row - 2][column - 2] + 1);
      distances[row][column] = best;
    }
  }
  return distances[a.length][b.length];
}

/** The distance when it is at most `limit`; words whose lengths differ by more are not compared. */
export function boundedEditDistance(typed: string, target: string, limit: number): number | undefined {
  if (Math.abs(typed.length - target.length) > limit) return undefined;
  const distance = editDistance(typed, target);
  return distance <= limit ? distance : undefined;
}

/** How many typos a word of this length may have and still count as meant: none in very short words. */
export function typoAllowance(length: number): number {
  if (length <= 2) return 0;
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}
