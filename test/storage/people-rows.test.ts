import { strict as assert } from 'node:assert';
import type { TableClient } from '@azure/data-tables';
import { TablePeopleStore } from '../../storage/people-repository';
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
