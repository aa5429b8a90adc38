import { strict as assert } from 'node:assert';
import { createLogger } from '../../bot/logger';
import { PeopleDirectory } from '../../bot/people-directory';
import type { TurnContext } from '../../bot/teams-turn';

const MINUTE = 60_000;

/** A roster that counts its lookups; `failing` makes it answer like Teams when it is down. */
function roster() {
  const state = { lookups: 0, failing: false };
  const turn = (userId: string): TurnContext =>
    ({
      activity: { from: { id: userId, name: 'Olive Owner' }, conversation: { id: 'a:personal' } },
      api: {
        conversations: {
          members: () => ({
            getById: async (id: string) => {
              state.lookups += 1;
              if (state.failing) throw Object.assign(new Error('unavailable'), { response: { status: 503 } });
              return {
                name: 'Olive Owner',
                userPrincipalName: `${id}@agency.example`,
                aadObjectId: `oid-${id}`,
              };
            },
          }),
        },
      },
    }) as unknown as TurnContext;
  return { state, turn };
}

/** The roster cache is lru-cache: 30 minutes a person, at most 5000 people, failures never kept. */
describe('the roster cache (lru-cache)', () => {
  let now = 0;
  let people: PeopleDirectory;
  const teams = roster();

  beforeEach(() => {
    now = 1_000_000;
    teams.state.lookups = 0;
    teams.state.failing = false;
    people = new PeopleDirectory(
      createLogger('silent'),
      { bind: async (_login, aadObjectId) => aadObjectId },
      () => new Date(now),
      () => now,
    );
  });

  it('asks the roster once within 30 minutes, and again after', async () => {
    assert.equal((await people.identify(teams.turn('29:olive'))).aadObjectId, 'oid-29:olive');
    now += 29 * MINUTE;
    await people.identify(teams.turn('29:olive'));
    assert.equal(teams.state.lookups, 1);
    now += 2 * MINUTE;
    await people.identify(teams.turn('29:olive'));
    assert.equal(teams.state.lookups, 2);
  });

  it('keeps no failed lookup', async () => {
    teams.state.failing = true;
    await assert.rejects(people.identify(teams.turn('29:olive')), { name: 'IdentityUnavailableError' });
    teams.state.failing = false;
    assert.equal((await people.identify(teams.turn('29:olive'))).upn, '29:olive@agency.example');
    assert.equal(teams.state.lookups, 2);
  });

  it('holds at most 5000 people: the least recently asked is looked up again', async () => {
    for (let index = 0; index <= 5000; index++) await people.identify(teams.turn(`29:p${index}`));
    assert.equal(teams.state.lookups, 5001);
    await people.identify(teams.turn('29:p5000'));
    assert.equal(teams.state.lookups, 5001, 'the newest is kept');
    await people.identify(teams.turn('29:p0'));
    assert.equal(teams.state.lookups, 5002, 'the oldest went');
  });
});
