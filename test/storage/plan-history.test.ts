import { strict as assert } from 'node:assert';
import { initialStatus, type HistoryEntry, type StoredStatus } from '../../domain/action-status';
import { CountingProxy } from '../../scripts/bench/counting-proxy';
import { azuriteConnectionString } from '../../storage/azurite-process';
import { TableBoardPackLedger } from '../../storage/board-pack-ledger';
import { TableStatusStore } from '../../storage/status-repository';
import { createTableClients, ensureTables } from '../../storage/table-clients';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';
import { fieldsOf } from '../support/history-fields';

const START = Date.UTC(2026, 0, 1, 9);
const HOUR_MS = 60 * 60 * 1000;

/** `changes` status updates on each of `actions` actions, one an hour per action, written as the bot writes them. */
async function seed(store: TableStatusStore, actions: number, changes: number): Promise<void> {
  await Promise.all(
    Array.from({ length: actions }, async (_, index) => {
      const actionId = `${index + 1}.1`;
      let previous: StoredStatus = initialStatus(actionId);
      for (let version = 1; version <= changes; version++) {
        const at = new Date(START + version * HOUR_MS).toISOString();
        const entry: HistoryEntry = {
          actionId,
          version,
          kind: 'status',
          at,
          byEmail: 'o@x.org',
          byName: 'Owner',
          fromRag: previous.rag,
          toRag: version % 2 ? 'amber' : 'green',
          note: `Change ${version}`,
        };
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { etag, ...unstamped } = previous;
        const next = { ...unstamped, rag: entry.toRag, note: entry.note, version, updatedAt: at };
        const result = await store.append(previous, next, entry);
        assert.equal(result.kind, 'saved');
        previous =
          (result.kind === 'saved' && result.etag ? { ...next, etag: result.etag } : undefined) ??
          (await store.read(actionId)) ??
          previous;
      }
    }),
  );
}

describe('the plan history up to an instant (Azurite)', function () {
  this.timeout(120_000);
  let proxy: CountingProxy;
  let connectionString: string;

  before(async () => {
    const azurite = await sharedAzurite();
    proxy = new CountingProxy('127.0.0.1', azurite.port);
    await proxy.start();
    connectionString = azuriteConnectionString('127.0.0.1', proxy.port);
  });
  after(async () => proxy.stop());

  async function storeWith(actions: number, changes: number): Promise<TableStatusStore> {
    const tables = createTableClients(connectionString, uniqueTablePrefix());
    await ensureTables(tables);
    const store = new TableStatusStore(tables.planStatus, 'plan-a');
    await seed(store, actions, changes);
    // Another plan in the same table: never read.
    await seed(new TableStatusStore(tables.planStatus, 'plan-b'), 1, 3);
    return store;
  }

  async function counted<T>(read: () => Promise<T>): Promise<{ result: T; requests: number }> {
    proxy.reset();
    const result = await read();
    return { result, requests: proxy.reset().count };
  }

  it('reads every change at or before the instant, and none after, of this plan only', async () => {
    const store = await storeWith(3, 10);
    const asAt = new Date(START + 4 * HOUR_MS);
    const { result } = await counted(() => store.changesUpTo(asAt));
    assert.equal(result.length, 12);
    assert.ok(result.every((entry) => Date.parse(entry.at) <= asAt.getTime()));
    assert.deepEqual([...new Set(result.map((entry) => entry.actionId))].sort(), ['1.1', '2.1', '3.1']);
    assert.equal(
      fieldsOf(result.find((entry) => entry.actionId === '1.1' && entry.version === 4)).note,
      'Change 4',
    );
  });

  it('takes as many requests for 40 actions as for 2 holding the same number of changes', async () => {
    const few = await storeWith(2, 40);
    const many = await storeWith(40, 2);
    const asAt = new Date(START + 100 * HOUR_MS);
    const fewRead = await counted(() => few.changesUpTo(asAt));
    const manyRead = await counted(() => many.changesUpTo(asAt));
    assert.equal(fewRead.result.length, 80);
    assert.equal(manyRead.result.length, 80);
    assert.equal(fewRead.requests, 1);
    assert.equal(manyRead.requests, fewRead.requests);
  });

  it('follows the continuation pages past a thousand rows', async () => {
    const store = await storeWith(10, 105);
    const { result, requests } = await counted(() => store.changesUpTo(new Date(START + 1000 * HOUR_MS)));
    assert.equal(result.length, 1050);
    assert.equal(requests, 2);
  });
});

describe('TableBoardPackLedger (Azurite)', () => {
  it('answers the latest files issued, newest first, as recorded', async () => {
    const azurite = await sharedAzurite();
    const tables = createTableClients(azurite.connectionString, uniqueTablePrefix());
    await ensureTables(tables);
    const ledger = new TableBoardPackLedger(tables.boardPacks);
    assert.deepEqual(await ledger.latest(5), []);
    const pack = (day: number, format: 'docx' | 'xlsx') => ({
      issuedAt: new Date(Date.UTC(2026, 2, day, 10)).toISOString(),
      byName: 'Board Admin',
      asAt: new Date(Date.UTC(2026, 2, day, 10)).toISOString(),
      from: '2026-01-01',
      to: `2026-03-${String(day).padStart(2, '0')}`,
      format,
      fileName: `OSCB board pack 2026-03-${day}.${format}`,
    });
    await ledger.record(pack(10, 'docx'));
    await ledger.record({ ...pack(20, 'xlsx'), byEmail: 'admin@x.org' });
    await ledger.record(pack(15, 'docx'));
    const latest = await ledger.latest(2);
    assert.deepEqual(latest, [{ ...pack(20, 'xlsx'), byEmail: 'admin@x.org' }, pack(15, 'docx')]);
  });
});
