import { boundedEditDistance, typoAllowance } from '../edit-distance';
import type { NearMiss } from './command-family';

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

/** Commands whose opening words are a near miss for what was typed, keeping the typed numbers and note. */
export function suggestCommands(typed: string, shapes: readonly NearMiss[]): Suggestion[] {
  const words = typed.trim().split(/\s+/).filter(Boolean);
  const suggestions: Suggestion[] = [];
  for (const shape of shapes) {
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
