import type { RagStatus } from '../domain/rag-status';

/**
 * Everything a board pack shows, already worded for people. Dates come twice: `label` as the board reads
 * it, `iso` as the board's clock showed it (local wall time, no offset) so a workbook can hold a real date.
 * Optional fields are absent when the project stores nothing for them.
 */
export interface BoardPackView {
  /** "OSCB board pack". */
  title: string;
  planName: string;
  /** The protective marking printed on every page ("OFFICIAL-SENSITIVE"). */
  marking: string;
  asAt: BoardDay;
  period: { from: BoardDay; to: BoardDay };
  generatedAt: BoardMoment;
  /**
   * The same moment as an ISO 8601 instant: the files' own timestamps are stamped from it, never from the
   * clock, so the same view always gives the same bytes (the size offered is the size sent).
   */
  producedAt: string;
  generatedBy: string;
  summary: BoardPackSummary;
  /** Absent where the project has no exception report; an empty list means nothing is an exception. */
  exceptions?: readonly ExceptionRow[];
  aims: readonly AimSection[];
  /** Every status change in the period, oldest first. */
  changes: readonly ChangeRow[];
}

/** A calendar day in the board's time zone: `iso` is "2026-03-31", `label` "31 Mar 2026". */
export interface BoardDay {
  iso: string;
  label: string;
}

/** A moment on the board's clock: `iso` is "2026-03-31T14:05" (local, no offset), `label` "Tue, 31 Mar 2026, 14:05". */
export interface BoardMoment {
  iso: string;
  label: string;
}

export type RagCounts = Readonly<Record<RagStatus, number>>;

export interface BoardPackSummary {
  overall: RagCounts;
  byPriority: readonly PriorityRagCounts[];
}

export interface PriorityRagCounts {
  priorityNumber: number;
  priorityTitle: string;
  counts: RagCounts;
}

export type Trend = 'improving' | 'worsening' | 'same';

/** Direction of travel since an earlier status (the previous board pack, or the start of the period). */
export interface DirectionOfTravel {
  trend: Trend;
  earlierStatus: RagStatus;
}

export interface ExceptionRow {
  actionId: string;
  actionTitle: string;
  owner: string;
  leadAgency?: string;
  status: RagStatus;
  direction?: DirectionOfTravel;
  daysSinceUpdate?: number;
  targetDate?: BoardDay;
  correctiveAction?: string;
  /** Why it is an exception, in plain words: "red", "overdue by 12 days", "never updated". */
  reasons?: readonly string[];
}

export interface AimSection {
  number: number;
  title: string;
  priorities: readonly PrioritySection[];
}

export interface PrioritySection {
  number: number;
  title: string;
  actions: readonly ActionRow[];
}

export interface ActionRow {
  /** "5.1". */
  id: string;
  title: string;
  /** "Dana Lee (Thames Valley Police)", an address for someone the bot has never met, or NO_OWNER. */
  owner: string;
  leadAgency?: string;
  status: RagStatus;
  direction?: DirectionOfTravel;
  targetDate?: BoardDay;
  revisedDate?: BoardDay;
  /** Absent until the first status update. */
  latestNote?: string;
  impact?: string;
  /** An https URL; anything else is shown as text, never linked. */
  evidenceUrl?: string;
  correctiveAction?: string;
  lastUpdated?: BoardMoment;
}

export interface ChangeRow {
  at: BoardMoment;
  /** Who made the change, as the board knows them: "Dana Lee (Thames Valley Police)", or their address. */
  by: string;
  actionId: string;
  actionTitle: string;
  from: RagStatus;
  to: RagStatus;
  note: string;
}
