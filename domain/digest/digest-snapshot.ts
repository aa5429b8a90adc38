import { z } from 'zod';
import type { Plan } from '../../plan/plan-schema';
import { statusOf, type ActionStatus } from '../action-status';
import { RAG_STATUSES, type RagStatus } from '../rag-status';

/**
 * Every action's status when a digest was posted. The next digest compares against it, so "what moved"
 * never reads history and costs the same however long the plan has run.
 */
export interface DigestSnapshot {
  takenAt: string;
  actions: Record<string, SnapshotEntry>;
  /** The actions escalated when it was posted, so the next digest can say which no longer are. */
  escalated?: string[];
}

export interface SnapshotEntry {
  rag: RagStatus;
  version: number;
  /**
   * When the RAG or note was last updated. The version also moves when only the owner changes, so this is
   * what tells a new note from an owner change. Absent for an action never updated.
   */
  updatedAt?: string;
}

export function snapshotOf(
  statuses: ReadonlyMap<string, ActionStatus>,
  plan: Plan,
  now: Date,
  escalated: readonly string[] = [],
): DigestSnapshot {
  const actions: Record<string, SnapshotEntry> = {};
  for (const priority of plan.priorities) {
    for (const action of priority.actions) {
      const status = statusOf(statuses, action.id);
      actions[action.id] = {
        rag: status.rag,
        version: status.version,
        ...(status.updatedAt === undefined ? {} : { updatedAt: status.updatedAt }),
      };
    }
  }
  return {
    takenAt: now.toISOString(),
    actions,
    ...(escalated.length > 0 ? { escalated: [...escalated] } : {}),
  };
}

const snapshotSchema = z.object({
  takenAt: z.string().datetime({ offset: true }),
  actions: z.record(
    z.object({
      rag: z.enum(RAG_STATUSES),
      version: z.number().int().min(0),
      updatedAt: z.string().datetime({ offset: true }).optional(),
    }),
  ),
  escalated: z.array(z.string()).optional(),
});

/** A snapshot read back from the ledger; throws if the stored value is not one. */
export function parseDigestSnapshot(stored: unknown): DigestSnapshot {
  return snapshotSchema.parse(stored);
}

/** A stored snapshot's JSON read back, or undefined when it is not JSON or not a snapshot (another version, damage). */
export function readStoredSnapshot(json: string): DigestSnapshot | undefined {
  try {
    return parseDigestSnapshot(JSON.parse(json));
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof z.ZodError) return undefined;
    throw error;
  }
}
