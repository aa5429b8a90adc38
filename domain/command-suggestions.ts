/** "Did you mean" for typed commands: near misses found by edit distance, closest first. */

export interface Suggestion {
  command: string;
  distance: number;
}

export const MAX_SUGGESTIONS = 3;
/** Suggestions become buttons that send the command back, and the button payload allows 100 characters. */
export const MAX_SUGGESTION_LENGTH = 100;
const MAX_TOPIC_WORDS = 6;
export const FALLBACK_SUGGESTIONS: readonly string[] = ['help', 'show plan', 'show priority 1'];

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

interface CommandShape {
  /** How the suggestion starts. */
  canonical: string;
  /** What people type to mean it. */
  heads: readonly string[];
  /** Whether what followed the head (numbers, a note) is carried into the suggestion. */
  keepsArguments: boolean;
}

const COMMAND_SHAPES: readonly CommandShape[] = [
  { canonical: 'help', heads: ['help'], keepsArguments: false },
  { canonical: 'show plan', heads: ['show plan', 'plan'], keepsArguments: false },
  { canonical: 'show aim', heads: ['show aim', 'aim'], keepsArguments: true },
  { canonical: 'show priority', heads: ['show priority', 'priority'], keepsArguments: true },
  { canonical: 'show action', heads: ['show action', 'action'], keepsArguments: true },
  { canonical: 'show agency', heads: ['show agency', 'agency'], keepsArguments: true },
  { canonical: 'exceptions', heads: ['exceptions', 'show exceptions'], keepsArguments: false },
  { canonical: 'show', heads: ['show'], keepsArguments: true },
  { canonical: 'update', heads: ['update'], keepsArguments: true },
  { canonical: 'assign', heads: ['assign'], keepsArguments: true },
  { canonical: 'my actions', heads: ['my actions'], keepsArguments: false },
  { canonical: 'history', heads: ['history'], keepsArguments: true },
  { canonical: 'redact', heads: ['redact'], keepsArguments: true },
  { canonical: 'due', heads: ['due'], keepsArguments: true },
  { canonical: 'lead', heads: ['lead'], keepsArguments: true },
  { canonical: 'preview digest', heads: ['preview digest'], keepsArguments: false },
  { canonical: 'post digest', heads: ['post digest'], keepsArguments: false },
  { canonical: 'set board channel', heads: ['set board channel'], keepsArguments: false },
  { canonical: 'board pack', heads: ['board pack'], keepsArguments: true },
  { canonical: 'board packs', heads: ['board packs'], keepsArguments: false },
];

/** Commands whose opening words are a near miss for what was typed, keeping the typed numbers and note. */
export function suggestCommands(typed: string): Suggestion[] {
  const words = typed.trim().split(/\s+/).filter(Boolean);
  const suggestions: Suggestion[] = [];
  for (const shape of COMMAND_SHAPES) {
    for (const head of shape.heads) {
      const headWordCount = head.split(' ').length;
      const distance = boundedEditDistance(
        words.slice(0, headWordCount).join(' ').toLowerCase(),
        head,
        typoAllowance(head.length),
      );
      if (distance === undefined) continue;
      const rest = shape.keepsArguments ? words.slice(headWordCount) : [];
      suggestions.push({ command: fitSuggestion(shape.canonical, rest), distance });
    }
  }
  return suggestions;
}

/** A priority's searchable words (from its keywords and title), lower case and singular. */
export interface PriorityTerms {
  number: number;
  terms: readonly string[];
}

/** `show priority N` for each priority with a word close to (but not the same as) a typed word. */
export function suggestPriorities(
  typedWords: readonly string[],
  priorities: readonly PriorityTerms[],
): Suggestion[] {
  const suggestions: Suggestion[] = [];
  for (const priority of priorities) {
    let closest = Infinity;
    // A topic is a word or three; the rest of a long message is not worth comparing.
    for (const typedWord of typedWords.slice(0, MAX_TOPIC_WORDS)) {
      for (const term of priority.terms) {
        const distance = boundedEditDistance(typedWord, term, typoAllowance(term.length));
        if (distance !== undefined && distance > 0) closest = Math.min(closest, distance);
      }
    }
    if (closest !== Infinity)
      suggestions.push({ command: `show priority ${priority.number}`, distance: closest });
  }
  return suggestions;
}

/**
 * Up to three distinct suggestions, closest first (ties keep the order given), never the text that was
 * typed; the fallback list when nothing is close.
 */
export function pickSuggestions(candidates: readonly Suggestion[], typed: string): string[] {
  const typedKey = suggestionKey(typed);
  const picked: string[] = [];
  const ranked = candidates
    .map((candidate, order) => ({ ...candidate, order }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order);
  for (const { command } of ranked) {
    const key = suggestionKey(command);
    if (key === typedKey || picked.some((already) => suggestionKey(already) === key)) continue;
    picked.push(command);
    if (picked.length === MAX_SUGGESTIONS) break;
  }
  return picked.length > 0 ? picked : [...FALLBACK_SUGGESTIONS];
}

function fitSuggestion(canonical: string, rest: readonly string[]): string {
  let command = canonical;
  for (const word of rest) {
    if (command.length + 1 + word.length > MAX_SUGGESTION_LENGTH) break;
    command = `${command} ${word}`;
  }
  return command;
}

function suggestionKey(command: string): string {
  return command.trim().replace(/\s+/g, ' ').toLowerCase();
}
