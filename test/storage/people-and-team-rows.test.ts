import { strict as assert } from 'node:assert';
import type { TableClient } from '@azure/data-tables';
import { TablePeopleStore } from '../../storage/people-repository';
import { TableKnownTeamStore } from '../../storage/team-repository';
import { StoredRowError } from '../../storage/stored-rows';
import { createTableClients, ensureTables, safeKey } from '../../storage/table-clients';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';

const EMAIL = 'olive.owner@agency.example';
const GOOD = {
  email: EMAIL,
  name: 'Olive Owner',
  teamsUserId: '29:olive',
  lastSeenAt: '2026-11-02T09:00:00.000Z',
};

describe('person rows are read through their schema, not cast (Azurite)', () => {
  let table: TableClient;
  let people: TablePeopleStore;

  beforeEach(async () => {
    const tables = createTableClients((await sharedAzurite()).connectionString, uniqueTablePrefix());
    await ensureTables(tables);
    table = tables.people;
    people = new TablePeopleStore(table);
  });

  const store = (row: Record<string, unknown>) =>
    table.upsertEntity({ partitionKey: 'person', rowKey: safeKey(EMAIL), ...row }, 'Replace');

  it('a good row reads back as the person, without the table keys', async () => {
    await store(GOOD);
    assert.deepEqual(await people.findByEmail(EMAIL), {
      ...GOOD,
      aadObjectId: undefined,
      personalConversation: undefined,
    });
    assert.equal(await people.findByEmail('nobody@agency.example'), undefined, 'no row: undefined');
  });

  const bad: [string, Record<string, unknown>][] = [
    ['a name stored as a number', { ...GOOD, name: 42 }],
    ['no Teams user id', { ...GOOD, teamsUserId: undefined }],
    ['no email', { ...GOOD, email: undefined }],
    ['an object id stored as a number', { ...GOOD, aadObjectId: 7 }],
  ];
  for (const [name, row] of bad) {
    it(`a row with ${name} is refused, naming the row, by one read and by the list`, async () => {
      await store(Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)));
      const named = (error: unknown) =>
        error instanceof StoredRowError && error.message.includes(safeKey(EMAIL));
      await assert.rejects(people.findByEmail(EMAIL), named);
      await assert.rejects(people.all(), named);
    });
  }
});

describe('team rows are read through their schema, not cast (Azurite)', () => {
  const TEAM = {
    teamId: '19:board-team@thread.tacv2',
    name: 'OSCB Board',
    conversationId: '19:board-general@thread.tacv2',
    installedAt: '2026-11-02T09:00:00.000Z',
  };
  let table: TableClient;
  let teams: TableKnownTeamStore;

  beforeEach(async () => {
    const tables = createTableClients((await sharedAzurite()).connectionString, uniqueTablePrefix());
    await ensureTables(tables);
    table = tables.conversations;
    teams = new TableKnownTeamStore(table);
  });

  it('a good row reads back as the team', async () => {
    await teams.record(TEAM);
    assert.deepEqual(await teams.all(), [{ ...TEAM, installedBy: undefined }]);
  });

  const bad: [string, Record<string, unknown>][] = [
    ['no conversation id', { ...TEAM, conversationId: undefined }],
    ['a name stored as a number', { ...TEAM, name: 3 }],
    ['an install time stored as a number', { ...TEAM, installedAt: 20261102 }],
  ];
  for (const [name, row] of bad) {
    it(`a row with ${name} is refused, naming the row`, async () => {
      const rowKey = safeKey(TEAM.teamId);
      await table.upsertEntity(
        {
          partitionKey: 'team',
          rowKey,
          ...Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)),
        },
        'Replace',
      );
      await assert.rejects(
        teams.all(),
        (error: unknown) => error instanceof StoredRowError && error.message.includes(rowKey),
      );
    });
  }
});
