import type { Plan } from '../../plan/plan-schema';
import { statusOf, type ActionStatus } from '../action-status';
import { ragDirection, type RagStatus } from '../rag-status';
import type { DigestSnapshot, SnapshotEntry } from './digest-snapshot';

/** How an action moved since the last digest. */
export type DigestChangeKind = 'up' | 'down' | 'newlyRed' | 'completed' | 'updated';

/** One action whose RAG or note changed since the last digest. */
export interface DigestChange {
  actionId: string;
  title: string;
  kind: DigestChangeKind;
  fromRag: RagStatus;
  toRag: RagStatus;
  /** Undefined when nobody owns the action. */
  owner?: string;
  /** Who made the latest update. */
  by?: string;
  /** The owner's own words: shown literally. */
  note?: string;
}

const NEVER_UPDATED: SnapshotEntry = { rag: 'not_started', version: 0 };

/** Worst news first, so a chair reading from the top sees it. */
const KIND_ORDER: readonly DigestChangeKind[] = ['newlyRed', 'down', 'up', 'completed', 'updated'];

export function changeKind(from: RagStatus, to: RagStatus): DigestChangeKind {
  if (from === to) return 'updated';
  if (to === 'complete') return 'completed';
  if (to === 'red') return 'newlyRed';
  return ragDirection(from, to) === 'up' ? 'up' : 'down';
}

/**
 * Every action whose RAG or note changed since the snapshot, or since the plan started when there is none.
 * An owner change alone moves the version but not `updatedAt`, so it is not a change here.
 */
export function changesSince(
  plan: Plan,
  statuses: ReadonlyMap<string, ActionStatus>,
  previous: DigestSnapshot | undefined,
): DigestChange[] {
  const changes: DigestChange[] = [];
  for (const action of plan.priorities.flatMap((priority) => priority.actions)) {
    const status = statusOf(statuses, action.id);
    const before = previous?.actions[action.id] ?? NEVER_UPDATED;
    const moved =
      status.version !== before.version &&
      (status.rag !== before.rag || status.updatedAt !== before.updatedAt) &&
      status.rag !== 'not_started';
    if (!moved) continue;
    changes.push({
      actionId: action.id,
      title: action.title,
      kind: changeKind(before.rag, status.rag),
      fromRag: before.rag,
      toRag: status.rag,
      owner: status.ownerName ?? status.ownerEmail,
      by: status.updatedByName ?? status.updatedByEmail,
      note: status.note?.trim() ? status.note : undefined,
    });
  }
  return changes.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}
