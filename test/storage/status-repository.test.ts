import { strict as assert } from 'node:assert';
import {
  initialStatus,
  type ActionStatus,
  type HistoryEntry,
  type StoredStatus,
} from '../../domain/action-status';
import { TableStatusStore } from '../../storage/status-repository';
import { createTableClients, ensureTables } from '../../storage/table-clients';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';

function change(
  previous: StoredStatus,
  rag: ActionStatus['rag'],
  note: string,
  by: string,
): [ActionStatus, HistoryEntry] {
  const version = previous.version + 1;
  const at = new Date(Date.UTC(2026, 10, 1, 9, version)).toISOString();
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { etag, ...rest } = previous;
  return [
    { ...rest, rag, note, version, updatedAt: at, updatedByEmail: by, updatedByName: by },
    {
      actionId: previous.actionId,
      version,
      kind: 'status',
      at,
      byEmail: by,
      byName: by,
      fromRag: previous.rag,
      toRag: rag,
      note,
    },
  ];
}

describe('TableStatusStore (Azurite)', () => {
  let store: TableStatusStore;

  beforeEach(async () => {
    const tables = createTableClients((await sharedAzurite()).connectionString, uniqueTablePrefix());
    await ensureTables(tables);
    store = new TableStatusStore(tables.planStatus, 'test-plan');
  });

  it('starts empty', async () => {
    assert.equal((await store.readAll()).size, 0);
    assert.equal(await store.read('5.1'), undefined);
    assert.deepEqual(await store.readHistory('5.1', 10), []);
  });

  it('writes history and current together, newest history first', async () => {
    let current: StoredStatus = initialStatus('5.1');
    for (const [rag, note] of [
      ['red', 'first'],
      ['amber', 'second'],
      ['green', 'third'],
    ] as const) {
      const [next, entry] = change(current, rag, note, 'owner@x.org');
      assert.equal((await store.append(current, next, entry)).kind, 'saved');
      current = (await store.read('5.1')) as StoredStatus;
    }
    assert.equal(current.rag, 'green');
    assert.equal(current.version, 3);
    const history = await store.readHistory('5.1', 10);
    assert.deepEqual(
      history.map((entry) => [entry.version, entry.fromRag, entry.toRag, entry.note]),
      [
        [3, 'amber', 'green', 'third'],
        [2, 'red', 'amber', 'second'],
        [1, 'not_started', 'red', 'first'],
      ],
    );
    assert.deepEqual(
      (await store.readHistory('5.1', 2)).map((entry) => entry.version),
      [3, 2],
    );
  });

  it('reads every action of the plan in one query and keeps plans apart', async () => {
    for (const id of ['1.1', '5.1', '8.1']) {
      const [next, entry] = change(initialStatus(id), 'amber', `note ${id}`, 'a@x.org');
      await store.append(initialStatus(id), next, entry);
    }
    const all = await store.readAll();
    assert.deepEqual([...all.keys()].sort(), ['1.1', '5.1', '8.1']);
    assert.equal(all.get('5.1')?.note, 'note 5.1');
    assert.equal((await store.readHistory('1.1', 10)).length, 1, 'history of 1.1 does not include 5.1');
  });

  it('lets exactly one of two writers on the same version win; the loser changes nothing', async () => {
    const base = initialStatus('5.1');
    const [first, firstEntry] = change(base, 'red', 'from Sam', 'sam@x.org');
    const [second, secondEntry] = change(base, 'green', 'from Jo', 'jo@x.org');
    const results = await Promise.all([
      store.append(base, first, firstEntry),
      store.append(base, second, secondEntry),
    ]);
    assert.deepEqual(results.map((result) => result.kind).sort(), ['conflict', 'saved']);
    const current = await store.read('5.1');
    const history = await store.readHistory('5.1', 10);
    assert.equal(history.length, 1);
    assert.equal(current?.rag, history[0].toRag, 'current equals the newest history row');
  });

  it('refuses a write based on a stale ETag', async () => {
    const [first, firstEntry] = change(initialStatus('5.1'), 'red', 'one', 'a@x.org');
    await store.append(initialStatus('5.1'), first, firstEntry);
    const stale = (await store.read('5.1')) as StoredStatus;
    const [second, secondEntry] = change(stale, 'amber', 'two', 'a@x.org');
    assert.equal((await store.append(stale, second, secondEntry)).kind, 'saved');
    const [third, thirdEntry] = change({ ...stale, version: 2 }, 'green', 'three', 'b@x.org');
    assert.equal(
      (await store.append({ ...stale, version: 2 }, third, thirdEntry)).kind,
      'conflict',
      'ETag from version 1',
    );
    assert.equal((await store.readHistory('5.1', 10)).length, 2);
  });
});
