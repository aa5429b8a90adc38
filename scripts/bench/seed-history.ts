import type { TableClient } from '@azure/data-tables';
import { initialStatus, type ActionStatus, type HistoryEntry } from '../../domain/action-status';
import { DAY_MS } from '../../domain/days';
import type { RagStatus } from '../../domain/rag-status';
import { allActions } from '../../domain/plan-lookup';
import type { Plan } from '../../plan/plan-schema';
import { TableStatusStore } from '../../storage/status-repository';

const WEEK_MS = 7 * DAY_MS;
const RAGS: RagStatus[] = ['green', 'amber', 'red', 'green'];
const OWNER = { email: 'owner@bench.example', name: 'Bench Owner' };

/**
 * `weeks` weekly updates on every action, the last one a week before `now`, written as the bot writes
 * them (read the current row, then one transaction through TableStatusStore.append). The actions are
 * seeded side by side, each one's updates in order. Each action ends on the same RAG whatever `weeks`
 * is, so plans with and without history differ only in history.
 */
export async function seedWeeklyHistory(
  table: TableClient,
  plan: Plan,
  weeks: number,
  now: Date,
): Promise<void> {
  const store = new TableStatusStore(table, plan.id);
  const seedAction = async (actionId: string, actionIndex: number) => {
    for (let week = 0; week < weeks; week++) {
      const previous = (await store.read(actionId)) ?? initialStatus(actionId);
      const at = new Date(now.getTime() - (weeks - week) * WEEK_MS).toISOString();
      const rag = RAGS[(actionIndex + weeks - 1 - week) % RAGS.length];
      const note = `Week ${week + 1}: progress reviewed at the sub-group; next steps agreed.`;
      const version = previous.version + 1;
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { etag, ...unstamped } = previous;
      const next: ActionStatus = {
        ...unstamped,
        rag,
        note,
        version,
        updatedAt: at,
        updatedByEmail: OWNER.email,
        updatedByName: OWNER.name,
        ownerEmail: OWNER.email,
      };
      const entry: HistoryEntry = {
        actionId,
        version,
        kind: 'status',
        at,
        byEmail: OWNER.email,
        byName: OWNER.name,
        fromRag: previous.rag,
        toRag: rag,
        note,
      };
      if ((await store.append(previous, next, entry)).kind !== 'saved')
        throw new Error(`seeding ${actionId} week ${week + 1}: conflict`);
    }
  };
  await Promise.all(allActions(plan).map((action, index) => seedAction(action.id, index)));
}
