import { strict as assert } from 'node:assert';
import { odata, type TableClient } from '@azure/data-tables';
import type { HistoryEntry, StoredStatus } from '../../domain/action-status';
import { StatusService } from '../../app/status-service';
import type { Plan } from '../../plan/plan-schema';
import { createTableClients } from '../../storage/table-clients';
import { TableStatusStore } from '../../storage/status-repository';

/**
 * Every row of the plan's partition (current and history) by key, with its ETag: one query, and any
 * insert, replace or delete shows as a difference. For "nothing was stored" checks.
 */
export async function planRows(table: TableClient, planId: string): Promise<Record<string, string>> {
  const rows: Record<string, string> = {};
  for await (const row of table.listEntities({
    queryOptions: { filter: odata`PartitionKey eq ${planId}` },
  })) {
    rows[row.rowKey ?? ''] = row.etag;
  }
  return rows;
}

/** Every action's current row (with its ETag, so any write shows) and its whole history, newest first. */
export type PlanSnapshot = Record<string, { current: StoredStatus; history: HistoryEntry[] }>;

const ALL_HISTORY = 100_000;

export function actionIdsOf(plan: Plan): string[] {
  return plan.priorities.flatMap((priority) => priority.actions.map((action) => action.id));
}

export async function planSnapshot(statusService: StatusService, plan: Plan): Promise<PlanSnapshot> {
  const entries = await Promise.all(
    actionIdsOf(plan).map(async (actionId) => {
      const [current, history] = await Promise.all([
        statusService.currentStatus(actionId),
        statusService.history(actionId, ALL_HISTORY),
      ]);
      return [actionId, { current, history }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * What "no lost or phantom update" means in the store: versions 1..n each written once, and the current
 * row equal to the newest history row.
 */
export function assertConsistent(snapshot: PlanSnapshot): void {
  for (const [actionId, { current, history }] of Object.entries(snapshot)) {
    const versions = history.map((entry) => entry.version);
    const expected = Array.from({ length: current.version }, (_, index) => current.version - index);
    assert.deepEqual(versions, expected, `${actionId}: history versions ${current.version}..1, each once`);
    if (history.length === 0) continue;
    const [newest] = history;
    assert.equal(current.rag, newest.toRag, `${actionId}: current RAG is the newest history row's`);
    if (newest.kind === 'status') {
      assert.equal(current.note, newest.note, `${actionId}: current note is the newest history row's`);
      assert.equal(current.updatedByEmail, newest.byEmail, `${actionId}: current author is the newest's`);
    } else if (newest.kind === 'owner') {
      assert.equal(current.ownerEmail, newest.ownerEmail, `${actionId}: current owner is the newest's`);
    } else if (newest.kind === 'target') {
      const currentTarget = current.revisedTargetDate ?? current.targetDate;
      assert.equal(currentTarget, newest.targetDate, `${actionId}: current target is the newest's`);
    } else if (newest.kind === 'lead') {
      assert.equal(current.leadAgency, newest.leadAgency, `${actionId}: current lead is the newest's`);
    }
  }
}

/** A reader of another process's statuses: the same tables, read the way the bot reads them. */
export function statusReader(
  plan: Plan,
  connectionString: string,
  tablePrefix: string,
  boardAdmins: string[] = [],
): StatusService {
  const tables = createTableClients(connectionString, tablePrefix);
  return new StatusService(
    plan,
    new TableStatusStore(tables.planStatus, plan.id),
    boardAdmins,
    () => new Date(),
  );
}
