import type { RagStatus } from '../domain/rag-status';
import type { BoardDay, BoardMoment } from './board-pack-view-model';

/** The partners' yearly report (Working Together 2023), already worded; every section built from the record. */
export interface YearlyReportView {
  /** "OSCB yearly report 2026-27". */
  title: string;
  planName: string;
  marking: string;
  /** The year is still running: the report is as at today and says DRAFT on every page. */
  draft: boolean;
  year: { label: string; from: BoardDay; to: BoardDay };
  asAt: BoardDay;
  generatedAt: BoardMoment;
  generatedBy: string;
  /** 1. The partnership. */
  partners: readonly { agency: string; person: string }[];
  scrutineer?: string;
  /** 2. Progress against each priority. */
  priorities: readonly YearPriority[];
  /** 3. Evidence of impact, and the actions that recorded none. */
  impact: { statements: readonly ImpactStatement[]; without: readonly ActionRef[] };
  /** 4. Where there has been little or no progress. */
  littleProgress: readonly LittleProgressRow[];
  /** 5. Learning from child safeguarding practice reviews. */
  learning: readonly LearningRow[];
  /** 6. Next year: every action not complete. */
  nextYear: readonly NextYearRow[];
  /** 7. Sign-off, one line per lead partner, and the independent scrutineer's comments, oldest first. */
  signOffs: readonly SignOffLine[];
  comments: readonly ScrutinyComment[];
  /**
   * A fingerprint of the report's content (the record it is built from, not the file's bytes): the same
   * record gives the same fingerprint, a late update or a redaction a new one. A sign-off is for one.
   */
  fingerprint: string;
}

export interface ActionRef {
  actionId: string;
  title: string;
}

export interface YearPriority {
  number: number;
  title: string;
  actions: readonly YearAction[];
}

export interface YearAction extends ActionRef {
  owner: string;
  status: RagStatus;
  /** "Improving (was Red at the start of the year)"; absent when never updated. */
  direction?: string;
  /** The year's progress notes, oldest first (redacted ones read as redacted). */
  notes: readonly { at: BoardDay; text: string }[];
  impact?: string;
  evidence: readonly string[];
}

export interface ImpactStatement extends ActionRef {
  at: BoardDay;
  impact: string;
  evidence?: string;
}

export interface LittleProgressRow extends ActionRef {
  owner: string;
  status: RagStatus;
  /** "red or amber for 9 of 12 months", "overdue by 40 days", "no update for 60 days", "never updated". */
  why: readonly string[];
  /** The recorded corrective action, or "none recorded". */
  correctiveAction: string;
}

export interface LearningRow extends ActionRef {
  learning: string;
  status: RagStatus;
  latestNote?: string;
}

export interface NextYearRow extends ActionRef {
  status: RagStatus;
  targetDate?: BoardDay;
}

export interface SignOffLine {
  agency: string;
  person: string;
  /** Whether the partner signed this content, only an earlier version of it, or nothing yet. */
  signed: 'this version' | 'an earlier version' | 'no';
  /** "Not yet signed", or who signed what and when. */
  state: string;
}

export interface ScrutinyComment {
  at: BoardMoment;
  by: string;
  text: string;
}
