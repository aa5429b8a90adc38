import type { YearlyReportView } from '../views/yearly-report-view-model';
import type { RecordedComment, RecordedSignOff } from '../views/yearly-sign-off-lines';

/** Draws the yearly report's view as a Word file (in worker threads); DrawingRefusedError when it cannot. */
export interface YearlyReportRenderer {
  renderYearlyReport(view: YearlyReportView): Promise<Uint8Array>;
  /** Files waiting for a free drawing thread. */
  waiting(): number;
}

/** A lead safeguarding partner's sign-off of one yearly report's content (its fingerprint). */
export interface YearlySignOff extends RecordedSignOff {
  /** "2026-27". */
  year: string;
  byAadObjectId?: string;
  /** What the answer said was signed (the counts), so a redelivery answers as the first did. */
  summary?: string;
}

/** The independent scrutineer's comment on a yearly report. */
export interface ScrutineerComment extends RecordedComment {
  year: string;
}

export type SignOffRecording =
  | { kind: 'recorded' }
  /** This partner had already signed this content: the first sign-off is kept. */
  | { kind: 'signedBefore'; first: YearlySignOff }
  /** The same Teams delivery again: what it recorded the first time. */
  | { kind: 'redelivered'; first: YearlySignOff };

export type CommentRecording = { kind: 'recorded' } | { kind: 'redelivered'; first: ScrutineerComment };

/**
 * Sign-offs and comments, append-only: a row is created once and never changed. A sign-off is one row
 * per partner and fingerprint; a delivery (conversation and activity) records at most one row.
 */
export interface YearlyReportRecords {
  signOffs(year: string): Promise<YearlySignOff[]>;
  comments(year: string): Promise<ScrutineerComment[]>;
  recordSignOff(signOff: YearlySignOff, delivery?: string): Promise<SignOffRecording>;
  recordComment(comment: ScrutineerComment, delivery?: string): Promise<CommentRecording>;
  /**
   * Claims the "your sign-off is for an earlier version" notice for one sign-off: true the first time on
   * any instance, or when an earlier claim was neither told nor given back within `leaseMs` (its run
   * died). The claimer then records it told, or gives it back when the send failed, so the partner is
   * told once, eventually.
   */
  claimEarlierVersionNotice(signOff: YearlySignOff, at: Date, leaseMs: number): Promise<boolean>;
  recordEarlierVersionNoticeTold(signOff: YearlySignOff, at: Date): Promise<void>;
  releaseEarlierVersionNotice(signOff: YearlySignOff): Promise<void>;
}
