import type { DigestChange, DigestChangeKind } from '../domain/digest/digest-changes';
import type { ExceptionGroupView } from './board-cycle-view-model';
import type { RagCounts, RagStatus } from './view-models';

export type { DigestChangeKind };
export type DigestChangeView = DigestChange;

export interface DigestRedAmberView {
  actionId: string;
  title: string;
  rag: 'red' | 'amber';
  owner?: string;
  note?: string;
  /** e.g. "3 days ago" */
  updatedAgo?: string;
}

export interface DigestStaleView {
  actionId: string;
  title: string;
  rag: RagStatus;
  owner?: string;
  /** The bot cannot message the owner in Teams (never installed, or left). */
  ownerNotReachable: boolean;
  /** Undefined when the action has never been updated. */
  daysSinceUpdate?: number;
}

/** The weekly digest posted to the board's channel. Lists are in reading order; `more*` count what was left off. */
export interface DigestView {
  title: string;
  /** e.g. "Week 48, 23–29 Nov 2026" */
  weekLabel: string;
  /** e.g. "Since the last digest, Mon 16 Nov 2026, 08:00" or "Since the plan started" */
  changesSince: string;
  totals: RagCounts;
  /** `travel`: "↑ 1 improving · ↓ 2 worsening" since the previous digest; absent on the first. */
  perPriority: { number: number; title: string; counts: RagCounts; travel?: string }[];
  /** "Needs the board's attention": the exception report, its first rows by priority. */
  attention: ExceptionGroupView[];
  /** Rows of the exception report left off. */
  moreAttention: number;
  /** Escalated at the last digest and not now: "5.1 Title (updated)", "(new owner)". */
  noLongerEscalated?: { actionId: string; title: string; why: string }[];
  changes: DigestChangeView[];
  moreChanges: number;
  /** Red first, then amber. */
  redAndAmber: DigestRedAmberView[];
  moreRedAmber: number;
  /** An action is stale after this many days without an update. */
  staleDays: number;
  stale: DigestStaleView[];
  moreStale: number;
}
