import type { ActionStatus, HistoryEntry } from './action-status';
import { withoutRemovedText } from './redaction';
import { wordsOf as typedWordsOf } from './history-entry';

/**
 * Where a note shown on a posted card came from: the change that wrote it (its action and time, which a
 * redaction keeps) and the words shown. Stored beside the card, so that a later sweep can find the words
 * again after the record has lost them ("redact" of a change already redacted).
 */
export interface NoteSource {
  actionId: string;
  /** The change's time (`at`), which identifies it within the action. */
  at: string;
  texts: string[];
}

/** A card the bot posted where others read it (a channel or group chat), as stored. */
export interface PostedCopy {
  /** Opaque to the domain: which stored row this is, with its concurrency tag. */
  id: string;
  /**
   * Written before the digest is drawn; 'posted' once Teams has answered and the card is recorded;
   * 'unconfirmed' when Teams did not answer in time (the card is kept: it may be in the channel).
   */
  state: 'pending' | 'posted' | 'unconfirmed';
  startedAt: string;
  what: string;
  reference?: Record<string, unknown>;
  activityId?: string;
  card?: string;
  shown: NoteSource[];
  /** The stored card was rewritten and Teams has not yet confirmed the same update. */
  unsent: boolean;
}

/** A redaction a sweep applies: which change, and what its words now read. */
export interface RedactedChange {
  actionId: string;
  at: string;
  replacement: string;
}

export interface NewPostedCopy {
  what: string;
  reference: Record<string, unknown>;
  activityId: string;
  card: string;
  shown: NoteSource[];
}

/**
 * The posted cards and the redaction seal: a row every redaction rewrites after it commits. A poster
 * knows the seal's tag from before it drew its card; after recording the card it re-asserts that tag
 * with a conditional write. Success means no redaction committed in between (and any later one will find
 * the recorded card); failure means one may have, and the poster sweeps its own card.
 */
export interface PostedCopies {
  /** The seal's current tag (read or, the first time, created). */
  sealTag(): Promise<string>;
  /** The last tag this process saw, if any: for posters that must not read before answering. */
  knownSealTag(): string | undefined;
  /** Re-asserts the tag (a conditional write): false when the seal moved since. */
  holdSeal(tag: string): Promise<boolean>;
  /** Records a committed redaction on the seal (moving its tag); the seal keeps the latest ones. */
  moveSeal(redaction: RedactedChange): Promise<void>;
  /** The redactions the seal remembers, newest last. */
  recentRedactions(): Promise<RedactedChange[]>;
  /** A digest about to be drawn and posted: a pending row a redaction waits for. */
  begin(what: string, at: Date): Promise<string>;
  /** The card as posted; `pendingId` turns a pending row into the posted one. */
  record(copy: NewPostedCopy, at: Date, pendingId?: string): Promise<string>;
  /** A pending row whose post failed. */
  abandon(pendingId: string): Promise<void>;
  /**
   * A pending row whose post Teams did not confirm: kept with its card. The row's new id, or undefined
   * when it is no longer pending (Teams answered late and the post was recorded first).
   */
  unconfirmed(pendingId: string, card: string, shown: NoteSource[]): Promise<string | undefined>;
  list(): Promise<PostedCopy[]>;
  read(id: string): Promise<PostedCopy | undefined>;
  /**
   * Rewrites the card (marked unsent until Teams confirms it), guarded by its tag: the new id, or
   * undefined when the row changed meanwhile.
   */
  replace(id: string, card: string, shown: NoteSource[]): Promise<string | undefined>;
  /** Teams shows the stored card: false when the row changed since `id` (a newer card to send). */
  markSent(id: string): Promise<boolean>;
}

/** A status's note and details, as a card drawn from it may show them. */
export function sourcesOfStatuses(statuses: Iterable<ActionStatus>): NoteSource[] {
  const sources: NoteSource[] = [];
  for (const status of statuses) {
    const texts = wordsOf([status.note, status.impact, status.correctiveAction, status.evidenceUrl]);
    if (status.updatedAt && texts.length > 0)
      sources.push({ actionId: status.actionId, at: status.updatedAt, texts });
  }
  return sources;
}

/** History entries' typed words, as a history card shows them. */
export function sourcesOfEntries(entries: Iterable<HistoryEntry>): NoteSource[] {
  const sources: NoteSource[] = [];
  for (const entry of entries) {
    if (entry.redacted) continue;
    const texts = typedWordsOf(entry);
    if (texts.length > 0) sources.push({ actionId: entry.actionId, at: entry.at, texts });
  }
  return sources;
}

/** The sources whose words a card actually shows (whole or cut short), each once. */
export function shownOn(card: string, sources: readonly NoteSource[]): NoteSource[] {
  const parsed = JSON.parse(card) as unknown;
  const seen = new Set<string>();
  const shown: NoteSource[] = [];
  for (const source of sources) {
    const key = `${source.actionId}|${source.at}`;
    if (seen.has(key)) continue;
    const texts = source.texts.filter((text) => withoutRemovedText(parsed, text, '') !== undefined);
    if (texts.length === 0) continue;
    seen.add(key);
    shown.push({ ...source, texts });
  }
  return shown;
}

/**
 * A card with a redacted change's words replaced: the words the card's own index holds for that change,
 * and any others the caller knows (the redaction's own, before the record lost them). Undefined when the
 * card shows none of them.
 */
export function sweptCard(
  copy: Pick<PostedCopy, 'card' | 'shown'>,
  redaction: RedactedChange,
  knownTexts: readonly string[],
): { card: string; shown: NoteSource[] } | undefined {
  if (!copy.card) return undefined;
  const indexed = copy.shown
    .filter((source) => sameChange(source, redaction))
    .flatMap((source) => source.texts);
  let card = JSON.parse(copy.card) as unknown;
  let changed = false;
  for (const text of new Set([...indexed, ...knownTexts])) {
    const replaced = withoutRemovedText(card, text, redaction.replacement);
    if (replaced !== undefined) {
      card = replaced;
      changed = true;
    }
  }
  const shown = copy.shown.filter((source) => !sameChange(source, redaction));
  if (!changed && shown.length === copy.shown.length) return undefined;
  return { card: JSON.stringify(card), shown };
}

export function sameChange(
  source: Pick<NoteSource, 'actionId' | 'at'>,
  change: Pick<NoteSource, 'actionId' | 'at'>,
) {
  return source.actionId === change.actionId && source.at === change.at;
}

function wordsOf(texts: readonly (string | undefined)[]): string[] {
  return [...new Set(texts.filter((text): text is string => !!text && !text.startsWith('[redacted by ')))];
}
