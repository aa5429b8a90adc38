import type { PlanAction } from '../plan/plan-schema';
import type { HistoryEntry } from './history-entry';

/** Changes in a period, newest first, across one action or a priority's. */
export interface PeriodHistory {
  entries: HistoryEntry[];
  /** How many changes the period holds in all; more than `entries.length` when the answer was capped. */
  total: number;
}

export interface HistoryPage {
  action: PlanAction;
  entries: HistoryEntry[];
  /** How many changes the action has had: the newest is #changes. */
  changes: number;
  page: number;
  pages: number;
}

/** Changes per history card: ten fit on one card even with long notes. */
export const HISTORY_PAGE_SIZE = 10;
