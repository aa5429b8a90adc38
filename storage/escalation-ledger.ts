import { z } from 'zod';
import { odata, type TableClient } from '@azure/data-tables';
import type {
  EscalationLedger,
  EscalationRecipient,
  EscalationRecord,
} from '../domain/escalation/escalation-ports';
import { readRow } from './stored-rows';
import { guardStore, statusCodeOf } from './store-errors';

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
      actionId: record.actionId,
      week: record.week,
      at: record.at,
      silentSince: record.silentSince,
      ...(record.ownerEmail ? { ownerEmail: record.ownerEmail } : {}),
      ...(record.ownerName ? { ownerName: record.ownerName } : {}),
    };
    return guardStore(async () => {
      try {
        await this.table.createEntity(entity);
        return true;
      } catch (error) {
        if (statusCodeOf(error) !== 409) throw error;
      }
      // Claimed already: taken over only when its run died before telling anyone and the lease ran out.
      const existing = await this.read(entity.rowKey);
      if (!existing || existing.told !== undefined) return false;
      if (Date.parse(existing.at) + leaseMs > Date.parse(record.at)) return false;
      try {
        await this.table.updateEntity(entity, 'Replace', { etag: existing.etag });
        return true;
      } catch (error) {
        const status = statusCodeOf(error);
        if (status === 412 || status === 404) return false;
        throw error;
      }
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
    await guardStore(async () => {
      try {
        await this.table.deleteEntity(WEEK, weekKey(week, actionId));
      } catch (error) {
        if (statusCodeOf(error) !== 404) throw error;
      }
    });
  }

  async all(): Promise<EscalationRecord[]> {
    return guardStore(async () => {
      const records: EscalationRecord[] = [];
      const rows = this.table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${WEEK}` } });
      for await (const entity of rows) {
        const row = readRow(escalationRow, entity);
        if (row.told === undefined) continue;
        records.push({
          actionId: row.actionId,
          week: row.week,
          at: row.at,
          silentSince: row.silentSince,
          ...(row.ownerEmail ? { ownerEmail: row.ownerEmail } : {}),
          ...(row.ownerName ? { ownerName: row.ownerName } : {}),
          told: recipients.parse(JSON.parse(row.told)),
        });
      }
      return records.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    });
  }

  async planStart(now: string): Promise<string> {
    return guardStore(async () => {
      try {
        await this.table.createEntity({ partitionKey: 'plan', rowKey: 'start', at: now });
        return now;
      } catch (error) {
        if (statusCodeOf(error) !== 409) throw error;
      }
      return (await this.readPlanStart()) ?? now;
    });
  }

  async readPlanStart(): Promise<string | undefined> {
    return guardStore(async () => {
      try {
        return (await this.table.getEntity<{ at: string }>('plan', 'start')).at;
      } catch (error) {
        if (statusCodeOf(error) === 404) return undefined;
        throw error;
      }
    });
  }

  private async read(rowKey: string) {
    try {
      const entity = await this.table.getEntity<EscalationEntity>(WEEK, rowKey);
      return readRow(escalationRow, entity);
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }
}
