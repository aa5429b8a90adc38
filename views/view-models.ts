/**
 * What each card shows, decided by the bot and the domain. Cards turn these into Adaptive Card JSON and
 * know nothing else: no environment, no storage, no Teams SDK. All strings here are data and are bound
 * into templates, never concatenated into them.
 */

import type { RagCounts, RagStatus } from '../domain/rag-status';
import type { ActionCycleView } from './board-cycle-view-model';

export { RAG_LABELS, RAG_STATUSES } from '../domain/rag-status';
export type { RagCounts, RagStatus };

export type Tone = 'default' | 'good' | 'warning' | 'attention' | 'accent';

export interface ActionStatusView {
  rag: RagStatus;
  /** The owner's own words: shown literally (no Markdown, no templating). */
  note?: string;
  updatedBy?: string;
  /** e.g. "3 days ago" */
  updatedAgo?: string;
  /** e.g. "Mon 23 Nov 2026, 14:05" in the board's time zone */
  updatedAt?: string;
  /** The latest update's impact so far, evidence link (https only) and corrective action: shown literally. */
  impact?: string;
  evidenceUrl?: string;
  correctiveAction?: string;
}

/** An action's target date, as the board reads it. */
export interface TargetView {
  /** The date it is held to now, e.g. "30 June 2027". */
  date: string;
  /** When revised: the first target, e.g. "31 March 2027". */
  originalDate?: string;
  /** "overdue by 12 days", "due in 3 days"; absent once complete. */
  distance?: string;
  overdue: boolean;
}

export interface ActionSummaryView {
  id: string;
  title: string;
  /** e.g. "Jane Smith" or "jane.smith@agency.example"; undefined when nobody is assigned */
  owner?: string;
  status: ActionStatusView;
  /** Direction of travel, persistence, overdue, target and lead, where known. */
  cycle?: ActionCycleView;
}

export interface PlanOverviewView {
  title: string;
  period: string;
  aims: {
    number: number;
    title: string;
    priorities: {
      number: number;
      title: string;
      actionCount: number;
      ragCounts: RagCounts;
      /** Since the previous digest: "↑ 1 improving · ↓ 2 worsening"; absent before the first digest. */
      travel?: string;
    }[];
  }[];
  totals: RagCounts;
  localContext: { label: string; value: string }[];
}

export interface AimView {
  number: number;
  title: string;
  summary: string;
  whyThesePriorities?: string;
  priorities: { number: number; title: string; boardWill: string; ragCounts: RagCounts }[];
}

export interface PriorityView {
  number: number;
  title: string;
  aimNumber: number;
  aimTitle: string;
  why: string;
  boardWill: string;
  ragCounts: RagCounts;
  actions: ActionSummaryView[];
}

/** The update form shown to someone who may update the action. */
export interface StatusFormView {
  /** The version of the status the form was drawn from; a submit against an older one is a conflict. */
  baseVersion: number;
  selectedRag?: RagStatus;
  draftNote?: string;
  /** What the form shows in its impact, evidence link and corrective action boxes. */
  draftImpact?: string;
  draftEvidenceLink?: string;
  draftCorrectiveAction?: string;
  /** Shown on the form's button, e.g. "Save update" or "Submit anyway". */
  submitLabel: string;
  /** After the personal-data check: what was found, and the checked texts to store as written. */
  check?: { findings: string[]; note: string } & CheckedDetails;
}

/** The update's details as checked, sent back unchanged by "store as written". */
export interface CheckedDetails {
  impact?: string;
  evidenceUrl?: string;
  correctiveAction?: string;
}

export interface ActionView {
  id: string;
  title: string;
  description: string;
  priorityNumber: number;
  priorityTitle: string;
  owner?: string;
  status: ActionStatusView;
  target?: TargetView;
  /** The lead agency: set with `lead`, else the plan file's. */
  lead?: string;
  cycle?: ActionCycleView;
  /** A line above the form: a confirmation ("Amber → Green, saved") or a warning (a conflict). */
  notice?: { tone: Tone; text: string };
  /** Present only for viewers who may update this action. */
  form?: StatusFormView;
  /**
   * Universal Actions refresh: Teams asks the bot for each listed user's own view (the form for the owner,
   * read-only for others). Teams user ids (29:...), at most 60.
   */
  refreshUserIds?: string[];
}

export interface MyActionsView {
  ownerName: string;
  actions: (ActionSummaryView & {
    ageDays?: number;
    priorityNumber: number;
    target?: TargetView;
    form?: StatusFormView;
    /** A line by this action: "Saved", or why its form was not saved. */
    notice?: { tone: Tone; text: string };
  })[];
  /** Shown above the list, e.g. for a reminder: "These actions have had no update for 14 days." */
  intro?: string;
  /** Which list this is, sent back with each form so a submit is answered with the same list. */
  list?: 'mine' | string[];
}

export interface HistoryEntryView {
  /** The change's number, shown as "#7"; the newest has the highest. The bot's own events have none. */
  number?: number;
  kind: 'status' | 'owner' | 'redaction' | 'target' | 'lead' | 'escalation';
  when: string;
  ago: string;
  who: string;
  from?: RagStatus;
  to?: RagStatus;
  /** For kind 'owner': who now owns the action. */
  newOwner?: string;
  note?: string;
  /** For kind 'redaction': the change whose note was taken out, and why. */
  redactedNumber?: number;
  reason?: string;
  /** For kind 'status': what the update said besides its note. */
  impact?: string;
  evidenceUrl?: string;
  correctiveAction?: string;
  /** For kind 'target': the new date and the one it replaced, e.g. "30 June 2027" (reason in `reason`). */
  targetDate?: string;
  previousTargetDate?: string;
  /** For kind 'lead': the new lead agency and the one it replaced. */
  leadAgency?: string;
  previousLeadAgency?: string;
  /** For kind 'escalation': "Escalated to Beth Manager: no update for 45 days". */
  escalation?: string;
  /** The viewer is an admin and this change still holds a note: a Redact button asks for the reason. */
  redactable?: boolean;
}

export interface HistoryView {
  actionId: string;
  actionTitle: string;
  /** For a period ("history 5.1 since 1 April 2026"): the period in words, and how many changes it holds. */
  period?: { text: string; total: number; scope: string; openCommand: string };
  /** Newest first: one page of the history. */
  entries: HistoryEntryView[];
  page: number;
  pages: number;
  /** How many changes are older than this page. */
  older: number;
  /** The typed commands that show the next older and newer pages, when there are any. */
  olderCommand?: string;
  newerCommand?: string;
}

export interface HelpView {
  isAdmin: boolean;
  commands: { command: string; description: string }[];
  adminCommands: { command: string; description: string }[];
  /** The welcome in a team: tells an admin how to make a channel the board channel. */
  boardChannelSetup?: boolean;
}

/** Short answers: errors, refusals, "did you mean", confirmations. */
export interface NoticeView {
  tone: Tone;
  title: string;
  text: string;
  /** Buttons that send a command as if the user had typed it: only commands that change nothing. */
  suggestions: { title: string; command: string }[];
  /** Commands shown as text, for the person to type: examples, and near misses that would change things. */
  examples?: string[];
  /** Buttons that open an action's form filled in with what the person typed; the form stores nothing until they save. */
  forms?: { title: string; actionId: string; rag?: RagStatus; note?: string }[];
  /** Buttons that offer a board-pack file again; Teams asks the person before anything is sent. */
  fileOffers?: {
    title: string;
    params: { asAt: string; from: string; to: string };
    format: 'docx' | 'xlsx';
  }[];
}

/** Asked before storing a note that looks as though it identifies a child or family. */
export interface PersonalDataCheckView {
  actionId: string;
  actionTitle: string;
  rag: RagStatus;
  note: string;
  baseVersion: number;
  /** e.g. ["an NHS number", "a full postcode"] */
  findings: string[];
}
