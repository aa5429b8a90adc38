import { localDateOf, localDaysBetween } from '../digest/local-calendar';
import { RAG_LABELS, type RagStatus } from '../rag-status';
import { plural } from '../wording';

/** What persistence needs from a history entry; owner changes and redactions keep the RAG, so they never count. */
export interface RagChange {
  at: string;
  fromRag: RagStatus;
  toRag: RagStatus;
}

/**
 * When the RAG last changed: the newest change whose RAG differs from the one before, in any order given.
 * Undefined when none of the changes moved the RAG, so the list must reach back to the last RAG change.
 */
export function ragChangedAt(changes: readonly RagChange[]): string | undefined {
  let latest: string | undefined;
  for (const change of changes) {
    if (change.fromRag === change.toRag) continue;
    if (latest === undefined || Date.parse(change.at) > Date.parse(latest)) latest = change.at;
  }
  return latest;
}

/**
 * "Amber since today", "Amber for 3 days", "Amber for 4 weeks", "Amber for 5 months", "Amber for 2 years",
 * counted on the board's calendar. Days up to a fortnight, weeks up to nine, then whole calendar months.
 */
export function describePersistence(rag: RagStatus, since: Date, now: Date, timeZone: string): string {
  const label = RAG_LABELS[rag];
  const days = localDaysBetween(since, now, timeZone);
  if (days === 0) return `${label} since today`;
  if (days < 14) return `${label} for ${plural(days, 'day')}`;
  if (days < 63) return `${label} for ${plural(Math.floor(days / 7), 'week')}`;
  const months = wholeMonthsBetween(since, now, timeZone);
  if (months < 24) return `${label} for ${plural(months, 'month')}`;
  return `${label} for ${plural(Math.floor(months / 12), 'year')}`;
}

function wholeMonthsBetween(since: Date, now: Date, timeZone: string): number {
  const from = localDateOf(since, timeZone);
  const to = localDateOf(now, timeZone);
  return (to.year - from.year) * 12 + (to.month - from.month) - (to.day < from.day ? 1 : 0);
}
