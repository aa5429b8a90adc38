import { z } from 'zod';
import { odata, type TableClient } from '@azure/data-tables';
import type {
  EscalationLedger,
  EscalationRecipient,
  EscalationRecord,
} from '../domain/escalation/escalation-ports';
import { readRow } from './stored-rows';
import { claimRow, createUnlessExists, deleteIfExists } from './row-claims';
import { getOrUndefined, guardStore } from './store-errors';

/**
 * Partition `week`: one row per action and ISO week, `2026-W50|5.1`, inserted conditionally to claim it and
 * then completed with who was told. Partition `plan`, row `start`: when the bot began tracking the plan.
 */
const WEEK = 'week';
const weekKey = (week: string, actionId: string) => `${week}|${actionId}`;

const recipients = z.array(z.object({ email: z.string(), name: z.string() }));

const escalationRow = z.object({
  actionId: z.string(),
  week: z.string(),
  at: z.string(),
  silentSince: z.string(),
  ownerEmail: z.string().optional(),
  ownerName: z.string().optional(),
  /** JSON of EscalationRecipient[]; absent while claimed and not yet sent. */
  told: z.string().optional(),
  etag: z.string().optional(),
});

type EscalationEntity = { partitionKey: string; rowKey: string } & Omit<
  z.infer<typeof escalationRow>,
  'etag'
>;

export class TableEscalationLedger implements EscalationLedger {
  constructor(private readonly table: TableClient) {}

  async claim(record: Omit<EscalationRecord, 'told'>, leaseMs: number): Promise<boolean> {
    const entity: EscalationEntity = {
      partitionKey: WEEK,
      rowKey: weekKey(record.week, record.actionId),
      ...claimedFields(record),
    };
    // Claimed already: taken over only when its run died before telling anyone and the lease ran out.
    return claimRow(this.table, entity, (found) => {
      const existing = readRow(escalationRow, found);
      const leaseRunning = Date.parse(existing.at) + leaseMs > Date.parse(record.at);
      return existing.told === undefined && !leaseRunning;
    });
  }

  async recordTold(actionId: string, week: string, told: readonly EscalationRecipient[]): Promise<void> {
    await guardStore(() =>
      this.table.updateEntity(
        { partitionKey: WEEK, rowKey: weekKey(week, actionId), told: JSON.stringify(told) },
        'Merge',
      ),
    );
  }

  async release(actionId: string, week: string): Promise<void> {
    await deleteIfExists(this.table, WEEK, weekKey(week, actionId));
  }

  async all(): Promise<EscalationRecord[]> {
    return guardStore(async () => {
      const records: EscalationRecord[] = [];
      const rows = this.table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${WEEK}` } });
      for await (const entity of rows) {
        const row = readRow(escalationRow, entity);
        if (row.told === undefined) continue;
        records.push({ ...claimedFields(row), told: recipients.parse(JSON.parse(row.told)) });
      }
      return records.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    });
  }

  async planStart(now: string): Promise<string> {
    if (await createUnlessExists(this.table, { partitionKey: 'plan', rowKey: 'start', at: now })) return now;
    return (await this.readPlanStart()) ?? now;
  }

  async readPlanStart(): Promise<string | undefined> {
    return (await getOrUndefined<{ at: string }>(this.table, 'plan', 'start'))?.at;
  }
}

/** What a claim records about the escalation, the same in the row as in the record read back. */
function claimedFields(source: Omit<EscalationRecord, 'told'>): Omit<EscalationRecord, 'told'> {
  return {
    actionId: source.actionId,
    week: source.week,
    at: source.at,
    silentSince: source.silentSince,
    ...(source.ownerEmail ? { ownerEmail: source.ownerEmail } : {}),
    ...(source.ownerName ? { ownerName: source.ownerName } : {}),
  };
}
