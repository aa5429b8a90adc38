import type { Plan, Priority } from '../../plan/plan-schema';
import { incomplete, type CommandText, type Reply } from './command-family';
import type { ShowPriorityCommand } from './show-priority';
import { NEAR_MISSES } from './catalogue';
import {
  pickSuggestions,
  suggestCommands,
  suggestPriorities,
  type PriorityTerms,
  type Suggestion,
} from './suggestions';

type Unknown = Extract<Reply, { kind: 'unknown' }>;

// Command words too, so that "show priority neglect" searches for "neglect" alone.
const SEARCH_STOP_WORDS = new Set([
  ...['the', 'a', 'an', 'and', 'of', 'for', 'to', 'in', 'on', 'with', 'about', 'me', 'please'],
  ...['show', 'priority', 'p'],
]);

/**
 * The parser's last resort, after every family: "show neglect", "priority board effectiveness" finds the
 * priority; "show" alone asks what; anything else is unknown, with near misses and matching priorities.
 */
export function searchOrUnknown({ message, simple, plan }: CommandText): ShowPriorityCommand | Reply {
  const keyword = /^(?:show |priority )(?:priority )?(.+)$/.exec(simple);
  if (keyword) return showPriorityByKeyword(keyword[1], simple, plan);
  if (simple === 'show') return incomplete('Show what?', 'show plan');
  return unknown(message, plan, {
    keywordMatches: bestKeywordMatches(searchWords(message), plan, { wholeKeyword: true }),
    closeKeywords: false,
  });
}

/** Lower case and singular, so "Adolescents" finds "adolescent" and "audits" finds "audit". */
function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0 && !SEARCH_STOP_WORDS.has(word))
    .map(singular);
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function priorityTerms(priority: Priority): PriorityTerms {
  const terms = new Set([...priority.keywords.flatMap(searchWords), ...searchWords(priority.title)]);
  return { number: priority.number, terms: [...terms] };
}

interface KeywordScore {
  priority: number;
  /** Typed words found among the priority's keywords and title words. */
  words: number;
  /** Whole keywords, however many words long, found in what was typed. */
  keywords: number;
  /** Typed words in the priority's title: "show board" means "Improve board effectiveness". */
  titleWords: number;
}

/**
 * "show neglect", "show board effectiveness": the priority whose keywords and title words cover most of
 * what was typed. A tie is not guessed at; the tied priorities are offered as suggestions.
 */
function showPriorityByKeyword(query: string, simple: string, plan: Plan): ShowPriorityCommand | Unknown {
  const matches = bestKeywordMatches(searchWords(query), plan, { wholeKeyword: false });
  if (matches.length === 1) return { kind: 'showPriority', priority: matches[0] };
  return unknown(simple, plan, { keywordMatches: matches, closeKeywords: true });
}

/**
 * The priorities matching the typed words best: none when nothing matches, several on a tie. With
 * `wholeKeyword`, a single word of a longer keyword is not enough ("help" is not "early help").
 */
function bestKeywordMatches(
  typed: readonly string[],
  plan: Plan,
  options: { wholeKeyword: boolean },
): number[] {
  const scores = plan.priorities
    .map((priority) => scoreKeywordMatch(typed, priority))
    .filter((score) => (options.wholeKeyword ? score.keywords > 0 : score.words > 0));
  if (scores.length === 0) return [];
  const best = scores.reduce((a, b) => (compareScores(b, a) < 0 ? b : a));
  return scores.filter((score) => compareScores(score, best) === 0).map((score) => score.priority);
}

function scoreKeywordMatch(typed: readonly string[], priority: Priority): KeywordScore {
  const terms = new Set(priorityTerms(priority).terms);
  const titleWords = new Set(searchWords(priority.title));
  const typedPhrase = ` ${typed.join(' ')} `;
  return {
    priority: priority.number,
    words: typed.filter((word) => terms.has(word)).length,
    keywords: priority.keywords.filter((keyword) => {
      const words = searchWords(keyword);
      return words.length > 0 && typedPhrase.includes(` ${words.join(' ')} `);
    }).length,
    titleWords: typed.filter((word) => titleWords.has(word)).length,
  };
}

/** Negative when `a` is the better match. */
function compareScores(a: KeywordScore, b: KeywordScore): number {
  return b.words - a.words || b.keywords - a.keywords || b.titleWords - a.titleWords;
}

/**
 * Near-miss commands, then the priorities the typed words matched (a tie after "show", or a whole
 * keyword typed on its own), then, after "show", priorities with a keyword close to a typed word.
 */
function unknown(
  typed: string,
  plan: Plan,
  options: { keywordMatches: readonly number[]; closeKeywords: boolean },
): Unknown {
  const candidates: Suggestion[] = [
    ...suggestCommands(typed, NEAR_MISSES),
    ...options.keywordMatches.map((priority) => ({ command: `show priority ${priority}`, distance: 0 })),
    ...(options.closeKeywords
      ? suggestPriorities(searchWords(typed), plan.priorities.map(priorityTerms))
      : []),
  ];
  return { kind: 'unknown', suggestions: pickSuggestions(candidates, typed) };
}
