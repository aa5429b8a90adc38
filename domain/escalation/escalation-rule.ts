import { addDays } from '../days';
import { localDateOf, localDaysBetween, type LocalDate } from '../digest/local-calendar';
import type { RagStatus } from '../rag-status';

/** What the rule reads about one action: its current status and the reminders its current owner got. */
export interface EscalationFacts {
  rag: RagStatus;
  /** The last status update (ISO 8601); absent when never updated. */
  updatedAt?: string;
  ownerEmail?: string;
  /** When the current owner was assigned (ISO 8601); absent for data older than it. */
  ownerSince?: string;
  /** The latest reminder the current owner got about this action (ISO 8601). */
  lastRemindedAt?: string;
}

export interface EscalationSettings {
  now: Date;
  /** The board's calendar: days are counted on it, so a clock change moves nothing. */
  timeZone: string;
  afterDays: number;
  /** When the bot began tracking the plan (ISO 8601): silence is never counted from before it. */
  planStart: string;
}

export type EscalationDecision =
  /** Complete, or not silent for long enough yet. */
  | { kind: 'quiet' }
  /** Silent long enough, but its owner has not been reminded during this silence: remind first. */
  | { kind: 'remindFirst'; silentSince: string; silentDays: number }
  | { kind: 'escalate'; why: 'ownerSilent' | 'noOwner'; silentSince: string; silentDays: number };

/** Silence counts from the latest of the last update, the current owner's assignment, and the plan's start. */
export function silentSince(facts: EscalationFacts, planStart: string): string {
  const moments = [planStart, facts.updatedAt, facts.ownerEmail ? facts.ownerSince : undefined];
  return moments
    .filter((moment): moment is string => moment !== undefined)
    .reduce((latest, moment) => (Date.parse(moment) > Date.parse(latest) ? moment : latest));
}

/**
 * An action is escalated when its owner has been reminded and it has still had no update for
 * `afterDays` calendar days, or when it has had no owner for that long. Days are whole days on the
 * board's calendar: silent since 23:30 on the 1st is one day silent at 00:10 on the 2nd.
 */
export function decideEscalation(facts: EscalationFacts, settings: EscalationSettings): EscalationDecision {
  if (facts.rag === 'complete') return { kind: 'quiet' };
  const since = silentSince(facts, settings.planStart);
  const silentDays = localDaysBetween(new Date(since), settings.now, settings.timeZone);
  if (silentDays < settings.afterDays) return { kind: 'quiet' };
  if (!facts.ownerEmail) return { kind: 'escalate', why: 'noOwner', silentSince: since, silentDays };
  const reminded =
    facts.lastRemindedAt !== undefined && Date.parse(facts.lastRemindedAt) >= Date.parse(since);
  if (!reminded) return { kind: 'remindFirst', silentSince: since, silentDays };
  return { kind: 'escalate', why: 'ownerSilent', silentSince: since, silentDays };
}

/** The first day on the board's calendar on which the action can be escalated if it stays silent. */
export function escalationDay(facts: EscalationFacts, settings: Omit<EscalationSettings, 'now'>): LocalDate {
  const since = silentSince(facts, settings.planStart);
  return addDays(localDateOf(new Date(since), settings.timeZone), settings.afterDays);
}
