import type { ActionStatusView, RagCounts } from '../../cards/view-models';
import { initialStatus, type ActionStatus } from '../action-status';
import type { RagStatus } from '../rag-status';
import { formatBoardTime, timeAgo } from '../relative-time';

/** What every view needs besides the plan: the time now and where the board is. */
export interface ViewContext {
  now: Date;
  timeZone: string;
}

export function emptyRagCounts(): RagCounts {
  return { not_started: 0, red: 0, amber: 0, green: 0, complete: 0 };
}

export function countRags(rags: Iterable<RagStatus>): RagCounts {
  const counts = emptyRagCounts();
  for (const rag of rags) counts[rag as keyof RagCounts] += 1;
  return counts;
}

export function statusOf(statuses: ReadonlyMap<string, ActionStatus>, actionId: string): ActionStatus {
  return statuses.get(actionId) ?? initialStatus(actionId);
}

export function statusView(status: ActionStatus, context: ViewContext): ActionStatusView {
  if (!status.updatedAt) return { rag: status.rag };
  const at = new Date(status.updatedAt);
  return {
    rag: status.rag,
    note: status.note,
    updatedBy: status.updatedByName ?? status.updatedByEmail,
    updatedAgo: timeAgo(at, context.now),
    updatedAt: formatBoardTime(at, context.timeZone),
  };
}

export function ownerLabel(status: ActionStatus): string | undefined {
  if (!status.ownerEmail) return undefined;
  return status.ownerName ? `${status.ownerName} (${status.ownerEmail})` : status.ownerEmail;
}
