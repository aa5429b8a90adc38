import { COMMANDS, navButton, type NavButtonData } from './commands';
import { cycleRuns } from './cycle-runs';
import { ragBadge, type TextRunData } from './rag-style';
import { present, truncate } from './text';
import type { ActionSummaryView } from '../views/view-models';

/** Template data for one action in a list (priority card, my actions). */
export type ActionSummaryData = {
  id: string;
  title: string;
  owner: string | null;
  rag: TextRunData;
  note: string | null;
  updated: boolean;
  updatedAgo: string | null;
  updatedBy: string | null;
  /** Direction of travel, persistence, overdue, target and lead; empty when none is known. */
  cycle: TextRunData[];
  open: NavButtonData;
};

/** Notes are cut to `noteChars` here: the action card shows them in full. 0 leaves the note off. */
export function actionSummaryData(action: ActionSummaryView, noteChars: number): ActionSummaryData {
  const note = present(action.status.note);
  const updatedAgo = present(action.status.updatedAgo);
  const updatedBy = present(action.status.updatedBy);
  return {
    id: action.id,
    title: action.title,
    owner: present(action.owner),
    rag: ragBadge(action.status.rag),
    note: note === null || noteChars <= 0 ? null : truncate(note, noteChars),
    updated: updatedAgo !== null || updatedBy !== null,
    updatedAgo,
    updatedBy,
    cycle: cycleRuns(action.cycle),
    open: navButton(`Open ${action.id}`, COMMANDS.showAction(action.id)),
  };
}
