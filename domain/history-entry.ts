import { z } from 'zod';
import { RAG_STATUSES } from './rag-status';

/**
 * One change, kept for ever: a correction is a new entry, never an edit. The one exception is a
 * redaction, which replaces a change's words (and only those) and is itself recorded as a change.
 *
 * Each kind is one schema here: the HistoryEntry union, the stored row's check and HISTORY_KINDS all
 * come from it, so a new kind of change is one schema added to `historyEntrySchema` and a decide function.
 */
const text = z.string();
const version = z.number().int().min(0);
const rag = z.enum(RAG_STATUSES);

/** What every change records: which action, its number, when, by whom, and the RAG either side. */
const change = z.object({
  actionId: text,
  /** The change's number: 1 for the first change to the action, shown as "#1". */
  version,
  at: text,
  byEmail: text,
  byName: text,
  fromRag: rag,
  toRag: rag,
  /** Its words were taken out by a later redaction: they now read "[redacted by …]". */
  redacted: z.boolean().optional(),
});

/** A status update: the RAG and note, and what the update said besides its note. */
const statusChange = change.extend({
  kind: z.literal('status'),
  note: text.optional(),
  impact: text.optional(),
  evidenceUrl: text.optional(),
  correctiveAction: text.optional(),
});

/** A new owner, and the one they replaced. */
const ownerChange = change.extend({
  kind: z.literal('owner'),
  ownerEmail: text,
  previousOwnerEmail: text.optional(),
});

/** A change's words taken out: which change, and why. Never the removed text. */
const redactionChange = change.extend({
  kind: z.literal('redaction'),
  redactsVersion: version,
  reason: text,
});

/** A target date set or revised (YYYY-MM-DD), the one it replaced, and why it moved. */
const targetChange = change.extend({
  kind: z.literal('target'),
  targetDate: text,
  previousTargetDate: text.optional(),
  reason: text.optional(),
});

/** A lead agency set, and the one it replaced. */
const leadChange = change.extend({
  kind: z.literal('lead'),
  leadAgency: text,
  previousLeadAgency: text.optional(),
});

export const historyEntrySchema = z.discriminatedUnion('kind', [
  statusChange,
  ownerChange,
  redactionChange,
  targetChange,
  leadChange,
]);

export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export type HistoryKind = HistoryEntry['kind'];
/** What a change did: a status update, a new owner, words taken out, a target date set, a lead agency set. */
export const HISTORY_KINDS: readonly HistoryKind[] = historyEntrySchema.options.map(
  (option) => option.shape.kind.value,
);

/**
 * The bot's own event in an action's record (issue 23): the action was escalated, to whom and when, for
 * the silence that began at `silentSince`. It is not a change: it takes no number, moves no RAG, is not an
 * update and is never replayed. It is kept with the escalation's weekly claim (the escalations table),
 * and `history` shows it among the changes by its time.
 */
export const escalationEntrySchema = z.object({
  kind: z.literal('escalation'),
  actionId: text,
  at: text,
  silentSince: text,
  /** The owner it was raised about; absent when the action had none. */
  ownerEmail: text.optional(),
  told: z.array(z.object({ email: text, name: text })).min(1),
});

export type EscalationEntry = z.infer<typeof escalationEntrySchema>;

/** One kind of change, by its name: `ChangeOf<'target'>`. */
export type ChangeOf<K extends HistoryKind> = Extract<HistoryEntry, { kind: K }>;

type Common = keyof z.infer<typeof change>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The kind-specific part of a change: what a decision says to record. */
export type HistoryChange = DistributiveOmit<HistoryEntry, Common>;

/** Who made a change and when; the action, the number and the RAG come from the status it moves. */
export interface ChangeMaker {
  at: string;
  byEmail: string;
  byName: string;
}

/** The one place a history entry is built: the change, numbered after `previous`, moving it to `next`. */
export function historyEntry(
  previous: { actionId: string; version: number; rag: HistoryEntry['fromRag'] },
  next: { rag: HistoryEntry['toRag'] },
  maker: ChangeMaker,
  change: HistoryChange,
): HistoryEntry {
  return {
    actionId: previous.actionId,
    version: previous.version + 1,
    at: maker.at,
    byEmail: maker.byEmail,
    byName: maker.byName,
    fromRag: previous.rag,
    toRag: next.rag,
    ...change,
  };
}

/** A history entry read from the store, with what the store needs to replace it (a redaction). */
export type StoredHistoryEntry = HistoryEntry & { etag?: string };

/**
 * Every free text a person typed into a change, each once: what a redaction takes out. A status update's
 * note, impact, corrective action and evidence link; a target change's reason; a lead change's agency.
 * (Dates, owners' addresses and a redaction's own reason, checked when typed, are not free text here.)
 */
export function wordsOf(entry: HistoryEntry): string[] {
  const texts =
    entry.kind === 'status'
      ? [entry.note, entry.impact, entry.correctiveAction, entry.evidenceUrl]
      : entry.kind === 'target'
        ? [entry.reason]
        : entry.kind === 'lead'
          ? [entry.leadAgency]
          : [];
  return [...new Set(texts.filter((text): text is string => !!text))];
}
