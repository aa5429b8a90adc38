import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { KnownTeam, KnownTeamStore } from '../domain/known-teams';
import { guardStore } from './store-errors';
import { readRow } from './stored-rows';
import { safeKey } from './table-clients';

type TeamEntity = {
  partitionKey: string;
  rowKey: string;
  teamId: string;
  name?: string;
  conversationId: string;
  installedAt: string;
  installedBy?: string;
};

const PARTITION = 'team';

/** A team row as read back: checked, not cast (stored-rows.ts), so a bad row fails naming its key. */
const teamRow = z.object({
  teamId: z.string(),
  name: z.string().optional(),
  conversationId: z.string(),
  installedAt: z.string(),
  installedBy: z.string().optional(),
});

/** The conversations table's `team|<team id>` rows: every team the app was installed in. */
export class TableKnownTeamStore implements KnownTeamStore {
  constructor(private readonly table: TableClient) {}

  async record(team: KnownTeam): Promise<void> {
    const entity: TeamEntity = { partitionKey: PARTITION, rowKey: safeKey(team.teamId), ...team };
    await guardStore(() => this.table.upsertEntity(entity, 'Replace'));
  }

  async all(): Promise<KnownTeam[]> {
    return guardStore(async () => {
      const teams: KnownTeam[] = [];
      const rows = this.table.listEntities<TeamEntity>({
        queryOptions: { filter: odata`PartitionKey eq ${PARTITION}` },
      });
      for await (const entity of rows) {
        const row = readRow(teamRow, entity);
        teams.push({
          teamId: row.teamId,
          name: row.name,
          conversationId: row.conversationId,
          installedAt: row.installedAt,
          installedBy: row.installedBy,
        });
      }
      return teams;
    });
  }
}
