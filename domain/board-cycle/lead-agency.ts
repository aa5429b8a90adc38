import { MAX_LEAD_AGENCY_LENGTH, type Plan } from '../../plan/plan-schema';
import { boundedEditDistance, typoAllowance } from '../edit-distance';
import { readNote, withoutInvisible } from '../note-text';
import type { Result } from '../result';

export type LeadAgencyReading = Result<{ agency: string }>;

/** The agency typed after `lead 5.1`: one line of readable text, at most MAX_LEAD_AGENCY_LENGTH characters. */
export function readLeadAgency(typed: string): LeadAgencyReading {
  if (typed.length > MAX_LEAD_AGENCY_LENGTH * 4) return tooLong();
  const read = readNote(typed);
  if (!read.ok) return read;
  const agency = withoutInvisible(read.note).replace(/\s+/g, ' ').trim();
  if (agency === '')
    return { ok: false, problem: 'Please name the lead agency, as in "lead 5.1 Thames Valley Police".' };
  if ([...agency].length > MAX_LEAD_AGENCY_LENGTH) return tooLong();
  return { ok: true, agency };
}

function tooLong(): LeadAgencyReading {
  return {
    ok: false,
    problem: `An agency's name can be at most ${MAX_LEAD_AGENCY_LENGTH} characters. Please shorten it.`,
  };
}

/** Each action's lead agency now: one set with `lead 5.1 …` (by action id) wins over the plan file's. */
export function currentLeads(plan: Plan, assigned: ReadonlyMap<string, string>): Map<string, string> {
  const leads = new Map<string, string>();
  for (const action of plan.priorities.flatMap((priority) => priority.actions)) {
    const lead = assigned.get(action.id) ?? action.lead;
    if (lead !== undefined) leads.set(action.id, lead);
  }
  return leads;
}

/** The agencies leading at least one action, each once (however it is capitalised), in alphabetical order. */
export function leadAgencyNames(leads: ReadonlyMap<string, string>): string[] {
  const byKey = new Map<string, string>();
  for (const lead of leads.values()) {
    const key = agencyKey(lead);
    if (!byKey.has(key)) byKey.set(key, lead);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'en-GB'));
}

/** The ids of the actions an agency leads, in plan order (as `currentLeads` lists them). */
export function actionsLedBy(agency: string, leads: ReadonlyMap<string, string>): string[] {
  const key = agencyKey(agency);
  return [...leads].filter(([, lead]) => agencyKey(lead) === key).map(([actionId]) => actionId);
}

export type AgencyMatch =
  | { kind: 'one'; agency: string }
  /** Several fit equally well: offer each as a button. */
  | { kind: 'several'; agencies: string[] }
  /** Nothing fits; the nearest names, when any are near. */
  | { kind: 'none'; suggestions: string[] }
  | { kind: 'tooLong'; maxLength: number };

const MAX_SUGGESTIONS = 3;
// Left out of initials, so "OCC" finds "Oxfordshire County Council" and "TVP" "Thames Valley Police".
const MINOR_WORDS = new Set(['and', 'of', 'the', 'for', 'in']);

/**
 * The agency `show agency …` means, tried in order, stopping at the first rule anything fits: the whole name
 * (ignoring case, punctuation and "&"/"and"); every typed word starting a word of the name ("thames",
 * "police", "valley pol"); the initials ("tvp"); every typed word within a typo or two of a word of the name
 * ("polise"), closest first. When nothing fits, the names sharing most words with what was typed.
 */
export function matchLeadAgency(typed: string, agencies: readonly string[]): AgencyMatch {
  if (typed.length > MAX_LEAD_AGENCY_LENGTH) return { kind: 'tooLong', maxLength: MAX_LEAD_AGENCY_LENGTH };
  const key = agencyKey(typed);
  const words = key.split(' ').filter(Boolean);
  if (words.length === 0) return { kind: 'none', suggestions: [] };
  const names = agencies.map((agency) => ({ agency, key: agencyKey(agency) }));
  const nameWords = (name: { key: string }) => name.key.split(' ');
  const rules: ((name: { key: string }) => boolean)[] = [
    (name) => name.key === key,
    (name) => words.every((word) => nameWords(name).some((nameWord) => nameWord.startsWith(word))),
    (name) => words.length === 1 && key.length >= 2 && initialsOf(nameWords(name)).includes(key),
  ];
  for (const rule of rules) {
    const found = names.filter(rule);
    if (found.length > 0) return matched(found.map((name) => name.agency));
  }
  const scored = names.map((name) => ({ agency: name.agency, ...closeness(words, nameWords(name)) }));
  const close = scored.filter((candidate) => candidate.matchedWords === words.length);
  if (close.length > 0) {
    const best = Math.min(...close.map((candidate) => candidate.distance));
    return matched(
      close.filter((candidate) => candidate.distance === best).map((candidate) => candidate.agency),
    );
  }
  const suggestions = scored
    .filter((candidate) => candidate.matchedWords > 0)
    .sort(
      (a, b) =>
        b.matchedWords - a.matchedWords ||
        a.distance - b.distance ||
        a.agency.localeCompare(b.agency, 'en-GB'),
    );
  return {
    kind: 'none',
    suggestions: suggestions.slice(0, MAX_SUGGESTIONS).map((candidate) => candidate.agency),
  };
}

function matched(agencies: string[]): AgencyMatch {
  const distinct = [...new Set(agencies)];
  return distinct.length === 1
    ? { kind: 'one', agency: distinct[0] }
    : { kind: 'several', agencies: distinct };
}

/** How many typed words are within a typo or two of a word of the name, and their summed distance. */
function closeness(
  typedWords: readonly string[],
  nameWords: readonly string[],
): { matchedWords: number; distance: number } {
  let matchedWords = 0;
  let distance = 0;
  for (const word of typedWords) {
    let closest: number | undefined;
    for (const nameWord of nameWords) {
      const apart = boundedEditDistance(word, nameWord, typoAllowance(nameWord.length));
      if (apart !== undefined && (closest === undefined || apart < closest)) closest = apart;
    }
    if (closest === undefined) continue;
    matchedWords += 1;
    distance += closest;
  }
  return { matchedWords, distance };
}

function initialsOf(words: readonly string[]): string[] {
  const all = words.map((word) => word[0]).join('');
  const major = words
    .filter((word) => !MINOR_WORDS.has(word))
    .map((word) => word[0])
    .join('');
  return [all, major];
}

/** Lower case, "&" read as "and", punctuation dropped, single spaces: what two spellings of a name share. */
function agencyKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[/\p{Pd}]/gu, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
