import { authorLabel } from './person-label';
import type { ActionStatus } from '../domain/action-status';
import { formatBoardTime, timeAgo } from '../domain/relative-time';
import type { ActionStatusView } from './view-models';

/** What every view needs besides the plan: the time now and where the board is. */
export interface ViewContext {
  now: Date;
  timeZone: string;
}

export function statusView(status: ActionStatus, context: ViewContext): ActionStatusView {
  if (!status.updatedAt) return { rag: status.rag };
  const at = new Date(status.updatedAt);
  return {
    rag: status.rag,
    note: status.note,
    updatedBy: authorLabel(status.updatedByName, status.updatedByEmail),
    updatedAgo: timeAgo(at, context.now),
    updatedAt: formatBoardTime(at, context.timeZone),
    impact: status.impact,
    evidenceUrl: status.evidenceUrl,
    correctiveAction: status.correctiveAction,
  };
}

export function ownerLabel(status: ActionStatus): string | undefined {
  if (!status.ownerEmail) return undefined;
  return status.ownerName ? `${status.ownerName} (${status.ownerEmail})` : status.ownerEmail;
}
