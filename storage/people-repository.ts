import { odata, type TableClient } from '@azure/data-tables';
import type { KnownPerson, LoginBindings, PeopleStore } from '../domain/known-people';
import { readStoredObject } from './stored-rows';
import { guardStore, statusCodeOf } from './store-errors';
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

function toPerson(entity: PersonEntity): KnownPerson {
  return {
    email: entity.email,
    name: entity.name,
    teamsUserId: entity.teamsUserId,
    aadObjectId: entity.aadObjectId,
    personalConversation: entity.personalConversation
      ? readStoredObject(entity.personalConversation, entity.email)
      : undefined,
    lastSeenAt: entity.lastSeenAt,
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
    return guardStore(async () => {
      try {
        return toPerson(await this.table.getEntity<PersonEntity>(PARTITION, safeKey(loginKey(email))));
      } catch (error) {
        if (statusCodeOf(error) === 404) return undefined;
        throw error;
      }
    });
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
