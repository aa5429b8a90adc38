import type { RagStatus } from '../domain/rag-status';

/** Direction of travel since the previous digest, worded: "↓ worsening (was Amber)". */
export interface TravelView {
  direction: 'improving' | 'worsening' | 'same';
  text: string;
}

/** What the board reads beside an action's RAG: where it is heading, for how long, and whether it is late. */
export interface ActionCycleView {
  /** Absent before the first digest, and for an action the previous digest did not hold. */
  travel?: TravelView;
  /** "Amber for 4 weeks"; absent when the bot does not know when the RAG last changed (older data). */
  persistence?: string;
  /** "overdue by 12 days": past its current target date and not complete. */
  overdue?: string;
  /** "31 March 2027", or "30 June 2027 (revised from 31 March 2027)". */
  target?: string;
  lead?: string;
}

/** How a priority's actions moved since the previous digest: "↑ 1 improving · ↓ 2 worsening". */
export interface TravelRollUpView {
  improving: number;
  worsening: number;
  same: number;
  text: string;
}

/** One action in the exception report and the digest's "Needs the board's attention". */
export interface ExceptionRowView {
  actionId: string;
  title: string;
  rag: RagStatus;
  travel?: TravelView;
  persistence?: string;
  owner?: string;
  lead?: string;
  /** Why it is listed: "Red", "overdue by 12 days", "never updated"… */
  reasons: string[];
  /** "updated 20 days ago", "updated today" or "never updated". */
  updated: string;
  target?: string;
  /** The corrective action as recorded, or "no corrective action recorded" for a red without one. */
  correctiveAction?: string;
  correctiveActionMissing: boolean;
  /** 0 for the most pressing (red), then stuck amber, overdue, stale, never updated: what a trimmed list keeps. */
  severity: number;
}

export interface ExceptionGroupView {
  priorityNumber: number;
  priorityTitle: string;
  rows: ExceptionRowView[];
}

export interface ExceptionsView {
  title: string;
  /** e.g. "Against the last 3 digests; no update for 14 days counts as stale." */
  basis: string;
  groups: ExceptionGroupView[];
  /** Every row in every group. */
  total: number;
}

/** An agency's own commitments: `show agency police`. */
export interface AgencyView {
  agency: string;
  actions: {
    id: string;
    title: string;
    priorityNumber: number;
    rag: RagStatus;
    owner?: string;
    /** "updated 3 days ago", "never updated". */
    updated: string;
    cycle: ActionCycleView;
  }[];
}
