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
import { fieldsOf } from '../support/history-fields';

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
      history.map(fieldsOf).map((entry) => [entry.version, entry.fromRag, entry.toRag, entry.note]),
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

  it("answers a saved write with the current row's new ETag, so the next write needs no read", async () => {
    let current: StoredStatus = initialStatus('5.1');
    for (const [index, rag] of (['red', 'amber', 'green'] as const).entries()) {
      const [next, entry] = change(current, rag, `note ${index}`, 'owner@x.org');
      const result = await store.append(current, next, entry, { delivery: `conversation/${index}` });
      assert.equal(result.kind, 'saved');
      const stored = (await store.read('5.1')) as StoredStatus;
      assert.equal(result.kind === 'saved' ? result.etag : undefined, stored.etag, `write ${index + 1}`);
      current = { ...next, etag: stored.etag };
    }
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

describe('TableStatusStore: rows from before the board cycle, and changes by period (Azurite)', () => {
  let store: TableStatusStore;
  let table: ReturnType<typeof createTableClients>['planStatus'];

  beforeEach(async () => {
    const tables = createTableClients((await sharedAzurite()).connectionString, uniqueTablePrefix());
    await ensureTables(tables);
    table = tables.planStatus;
    store = new TableStatusStore(table, 'test-plan');
  });

  it('a current row and history rows written before impact, targets and leads existed still load', async () => {
    // Exactly the columns the bot wrote before: no ragSince, impact, evidence, corrective action, dates, lead.
    await table.createEntity({
      partitionKey: 'test-plan',
      rowKey: 'cur|5.1',
      actionId: '5.1',
      rag: 'red',
      note: 'Old note',
      version: 2,
      updatedAt: '2025-01-02T10:00:00.000Z',
      updatedByEmail: 'old@x.org',
      updatedByName: 'Old Owner',
      ownerEmail: 'old@x.org',
    });
    for (const [version, kind, extra] of [
      [1, 'owner', { ownerEmail: 'old@x.org' }],
      [2, 'status', { note: 'Old note' }],
    ] as const) {
      await table.createEntity({
        partitionKey: 'test-plan',
        rowKey: `hist|5.1|${String(9_999_999_999 - version).padStart(10, '0')}`,
        actionId: '5.1',
        version,
        kind,
        at: `2025-01-0${version}T10:00:00.000Z`,
        byEmail: 'old@x.org',
        byName: 'Old Owner',
        fromRag: 'not_started',
        toRag: kind === 'status' ? 'red' : 'not_started',
        ...extra,
      });
    }
    const status = await store.read('5.1');
    assert.deepEqual(
      [
        status?.rag,
        status?.note,
        status?.ragSince,
        status?.impact,
        status?.correctiveAction,
        status?.targetDate,
      ],
      ['red', 'Old note', undefined, undefined, undefined, undefined],
    );
    const history = await store.readHistory('5.1', 10);
    assert.deepEqual(
      history
        .map(fieldsOf)
        .map((entry) => [entry.version, entry.kind, entry.impact, entry.targetDate, entry.leadAgency]),
      [
        [2, 'status', undefined, undefined, undefined],
        [1, 'owner', undefined, undefined, undefined],
      ],
    );
    const period = await store.readHistoryInPeriod('5.1', { from: '2025-01-01T00:00:00.000Z' }, 10);
    assert.equal(period.total, 2);
  });

  it('target and lead changes are stored and read back with every field', async () => {
    const previous = initialStatus('5.1');
    const at = '2026-12-01T10:00:00.000Z';
    const entry: HistoryEntry = {
      actionId: '5.1',
      version: 1,
      kind: 'target',
      at,
      byEmail: 'a@x.org',
      byName: 'A',
      fromRag: 'not_started',
      toRag: 'not_started',
      targetDate: '2027-06-30',
      previousTargetDate: '2027-03-31',
      reason: 'the audit moved',
    };
    const next = { ...previous, version: 1, targetDate: '2027-03-31', revisedTargetDate: '2027-06-30' };
    assert.equal((await store.append(previous, next, entry)).kind, 'saved');
    assert.deepEqual(await store.readHistory('5.1', 1), [entry]);
    const read = await store.read('5.1');
    assert.deepEqual([read?.targetDate, read?.revisedTargetDate], ['2027-03-31', '2027-06-30']);
  });

  it('a period read returns the changes inside it, newest first, capped, counting the rest', async () => {
    let current: StoredStatus = initialStatus('2.1');
    for (let index = 0; index < 12; index++) {
      const [next, entry] = change(current, index % 2 ? 'amber' : 'green', `n${index + 1}`, 'o@x.org');
      // One change a day from 1 to 12 November 2026.
      const at = new Date(Date.UTC(2026, 10, index + 1, 12)).toISOString();
      assert.equal((await store.append(current, { ...next, updatedAt: at }, { ...entry, at })).kind, 'saved');
      current = (await store.read('2.1')) as StoredStatus;
    }
    const from = '2026-11-03T00:00:00.000Z';
    const before = '2026-11-10T00:00:00.000Z';
    const all = await store.readHistoryInPeriod('2.1', { from, before }, 100);
    assert.deepEqual(
      all.entries.map((entry) => entry.version),
      [9, 8, 7, 6, 5, 4, 3],
    );
    assert.equal(all.total, 7);
    const capped = await store.readHistoryInPeriod('2.1', { from, before }, 3);
    assert.deepEqual(
      capped.entries.map((entry) => entry.version),
      [9, 8, 7],
    );
    assert.equal(capped.total, 7, 'the four not shown are counted');
    const open = await store.readHistoryInPeriod('2.1', { from: '2026-11-11T00:00:00.000Z' }, 10);
    assert.deepEqual(
      open.entries.map((entry) => entry.version),
      [12, 11],
    );
    assert.deepEqual(await store.readHistoryInPeriod('9.9', { from }, 10), { entries: [], total: 0 });
  });
});
