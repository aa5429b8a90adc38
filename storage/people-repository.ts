import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { KnownPerson, LoginBindings, PeopleStore } from '../domain/known-people';
import { readRow, readStoredObject } from './stored-rows';
import { getOrUndefined, guardStore, statusCodeOf } from './store-errors';
import { safeKey } from './table-clients';
import { loginKey } from '../domain/person';

const PARTITION = 'person';
const BINDINGS = 'login';

type PersonEntity = {
  partitionKey: string;
  rowKey: string;
  email: string;
  name: string;
  teamsUserId: string;
  aadObjectId?: string;
  personalConversation?: string;
  lastSeenAt: string;
};

/** A person row as read back: checked, not cast (stored-rows.ts), so a bad row fails naming its key. */
const personRow = z.object({
  email: z.string(),
  name: z.string(),
  teamsUserId: z.string(),
  aadObjectId: z.string().optional(),
  personalConversation: z.string().optional(),
  lastSeenAt: z.string(),
});

function toPerson(entity: PersonEntity): KnownPerson {
  const row = readRow(personRow, entity);
  return {
    email: row.email,
    name: row.name,
    teamsUserId: row.teamsUserId,
    aadObjectId: row.aadObjectId,
    personalConversation: row.personalConversation
      ? readStoredObject(row.personalConversation, row.email)
      : undefined,
    lastSeenAt: row.lastSeenAt,
  };
}

/** People keyed by email, the identity the plan uses for owners. */
export class TablePeopleStore implements PeopleStore {
  constructor(private readonly table: TableClient) {}

  async remember(person: KnownPerson): Promise<void> {
    const entity: PersonEntity = {
      partitionKey: PARTITION,
      rowKey: safeKey(person.email),
      email: person.email,
      name: person.name,
      teamsUserId: person.teamsUserId,
      lastSeenAt: person.lastSeenAt,
      ...(person.aadObjectId ? { aadObjectId: person.aadObjectId } : {}),
      ...(person.personalConversation
        ? { personalConversation: JSON.stringify(person.personalConversation) }
        : {}),
    };
    // Merge keeps a personal conversation learnt earlier when this sighting was in a channel.
    await guardStore(() => this.table.upsertEntity(entity, 'Merge'));
  }

  async findByEmail(email: string): Promise<KnownPerson | undefined> {
    const row = await getOrUndefined<PersonEntity>(this.table, PARTITION, safeKey(loginKey(email)));
    return row && toPerson(row);
  }

  async all(): Promise<KnownPerson[]> {
    return guardStore(async () => {
      const people: KnownPerson[] = [];
      const rows = this.table.listEntities<PersonEntity>({
        queryOptions: { filter: odata`PartitionKey eq ${PARTITION}` },
      });
      for await (const row of rows) people.push(toPerson(row));
      return people;
    });
  }
}

type BindingEntity = {
  partitionKey: string;
  rowKey: string;
  login: string;
  aadObjectId: string;
  boundAt: string;
};

/**
 * Sign-in name → Entra object id, in the people table. A conditional insert: of two instances meeting
 * the name at once, one insert wins (409 for the other), and nothing ever replaces a binding.
 */
export class TableLoginBindings implements LoginBindings {
  constructor(private readonly table: TableClient) {}

  async bind(login: string, aadObjectId: string, at: string): Promise<string> {
    const rowKey = safeKey(login);
    return guardStore(async () => {
      try {
        await this.table.createEntity<BindingEntity>({
          partitionKey: BINDINGS,
          rowKey,
          login,
          aadObjectId,
          boundAt: at,
        });
        return aadObjectId;
      } catch (error) {
        if (statusCodeOf(error) !== 409) throw error;
        return (await this.table.getEntity<BindingEntity>(BINDINGS, rowKey)).aadObjectId;
      }
    });
  }
}
