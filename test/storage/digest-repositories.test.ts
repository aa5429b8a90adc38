import { strict as assert } from 'node:assert';
import {
  TableBoardChannelStore,
  TableDigestLedger,
  TableReminderLedger,
} from '../../storage/digest-repositories';
import { createTableClients, ensureTables, type TableClients } from '../../storage/table-clients';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';

const CHANNEL = '19:board-general@thread.tacv2';
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 9, minutes)).toISOString();

describe('digest storage (Azurite)', () => {
  let tables: TableClients;
  let ledger: TableDigestLedger;

  beforeEach(async () => {
    tables = createTableClients((await sharedAzurite()).connectionString, uniqueTablePrefix());
    await ensureTables(tables);
    ledger = new TableDigestLedger(tables.digests);
  });

  it('gives a week to exactly one of many claimants', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        ledger.claimWeek(CHANNEL, '2026-W48', `instance-${index}`, at(0)),
      ),
    );
    assert.equal(results.filter((result) => result === 'claimed').length, 1);
  });

  it('lets a released week be claimed again, and keeps weeks and channels apart', async () => {
    assert.equal(await ledger.claimWeek(CHANNEL, '2026-W48', 'a', at(0)), 'claimed');
    assert.equal(await ledger.claimWeek(CHANNEL, '2026-W49', 'a', at(0)), 'claimed');
    assert.equal(await ledger.claimWeek('19:other@thread.tacv2', '2026-W48', 'a', at(0)), 'claimed');
    await ledger.releaseWeek(CHANNEL, '2026-W48');
    assert.equal(await ledger.claimWeek(CHANNEL, '2026-W48', 'b', at(1)), 'claimed');
  });

  it('does not take over a recent claim, but one abandoned for 30 minutes goes to exactly one instance', async () => {
    assert.equal(await ledger.claimWeek(CHANNEL, '2026-W48', 'crashed', at(0)), 'claimed');
    assert.equal(await ledger.claimWeek(CHANNEL, '2026-W48', 'b', at(29)), 'alreadyClaimed');
    const later = await Promise.all([
      ledger.claimWeek(CHANNEL, '2026-W48', 'c', at(31)),
      ledger.claimWeek(CHANNEL, '2026-W48', 'd', at(31)),
    ]);
    assert.deepEqual([...later].sort(), ['alreadyClaimed', 'claimed']);
  });

  it('never takes over a week that was posted', async () => {
    await ledger.claimWeek(CHANNEL, '2026-W48', 'a', at(0));
    await ledger.recordPosted(CHANNEL, { week: '2026-W48', postedAt: at(1), snapshot: '{}' }, false);
    assert.equal(await ledger.claimWeek(CHANNEL, '2026-W48', 'b', at(120)), 'alreadyClaimed');
  });

  it('remembers the latest posted digest, extra or scheduled', async () => {
    assert.equal(await ledger.latest(CHANNEL), undefined);
    await ledger.recordPosted(
      CHANNEL,
      { week: '2026-W48', postedAt: at(1), activityId: 'a1', snapshot: '{"x":1}' },
      false,
    );
    await ledger.recordPosted(CHANNEL, { week: '2026-W48', postedAt: at(5), snapshot: '{"x":2}' }, true);
    assert.deepEqual(await ledger.latest(CHANNEL), {
      week: '2026-W48',
      postedAt: at(5),
      activityId: undefined,
      snapshot: '{"x":2}',
    });
  });

  it('keeps one board channel, and marks it inactive only for the channel it is', async () => {
    const channels = new TableBoardChannelStore(tables.conversations);
    assert.equal(await channels.get(), undefined);
    await channels.set({
      conversationId: CHANNEL,
      reference: { a: 1 },
      active: true,
      setAt: at(0),
      setBy: 'x',
    });
    await channels.markInactive('19:someone-else@thread.tacv2', 'removed', at(1));
    assert.equal((await channels.get())?.active, true);
    await channels.markInactive(CHANNEL, 'removed', at(2));
    const channel = await channels.get();
    assert.equal(channel?.active, false);
    assert.deepEqual(channel?.reference, { a: 1 });
  });

  it('records when an owner was last reminded of an action', async () => {
    const reminders = new TableReminderLedger(tables.reminders);
    assert.equal(await reminders.lastReminded('o@x.org', '5.1'), undefined);
    await reminders.recordReminded('o@x.org', '5.1', at(0));
    assert.equal(await reminders.lastReminded('o@x.org', '5.1'), at(0));
    assert.equal(await reminders.lastReminded('o@x.org', '5.2'), undefined);
  });
});
