import type { ActionCycleView, TravelView } from '../views/board-cycle-view-model';
import type { TextColor, TextRunData } from './rag-style';

const TRAVEL_COLOR: Readonly<Record<TravelView['direction'], TextColor>> = {
  improving: 'Good',
  worsening: 'Attention',
  same: 'Default',
};

/** "↓ worsening (was Amber)": the arrow and the words, so colour is never the only signal. */
export function travelRun(travel: TravelView): TextRunData {
  return { text: travel.text, color: TRAVEL_COLOR[travel.direction], isSubtle: travel.direction === 'same' };
}

/**
 * "↓ worsening (was Amber) · Amber for 4 weeks · overdue by 12 days · target 31 March 2027 · lead Thames
 * Valley Police", each part only when known; empty when nothing is. The lead is the agency's own name, so
 * it is a run of its own.
 */
export function cycleRuns(cycle: ActionCycleView | undefined): TextRunData[] {
  if (!cycle) return [];
  const parts: TextRunData[][] = [];
  if (cycle.travel) parts.push([travelRun(cycle.travel)]);
  if (cycle.persistence) parts.push([subtle(cycle.persistence)]);
  if (cycle.overdue) parts.push([{ text: cycle.overdue, color: 'Attention', isSubtle: false }]);
  if (cycle.target) parts.push([subtle('target '), subtle(cycle.target)]);
  if (cycle.lead) parts.push([subtle('lead '), { text: cycle.lead, color: 'Default', isSubtle: false }]);
  return parts.flatMap((part, index) => (index === 0 ? part : [subtle(' · '), ...part]));
}

function subtle(text: string): TextRunData {
  return { text, color: 'Default', isSubtle: true };
}
