import { strict as assert } from 'node:assert';
import {
  TableBoardChannelStore,
  TableDigestLedger,
  TableReminderLedger,
} from '../../storage/digest-repositories';
import type { ClaimResult, WeekLease } from '../../domain/digest-ports';
import { StoredRowError } from '../../storage/stored-rows';
import { createTableClients, ensureTables, safeKey, type TableClients } from '../../storage/table-clients';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';

const CHANNEL = '19:board-general@thread.tacv2';
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, minutes * 60)).toISOString();

describe('digest storage (Azurite)', () => {
  let tables: TableClients;
  let ledger: TableDigestLedger;

  beforeEach(async () => {
    tables = createTableClients((await sharedAzurite()).connectionString, uniqueTablePrefix());
    await ensureTables(tables);
    ledger = new TableDigestLedger(tables.digests);
  });

  const LEASE = 2 * 60 * 1000;
  const claim = (claimant: string, minute: number, week = '2026-W48', channel = CHANNEL) =>
    ledger.claimWeek(channel, week, claimant, new Date(at(minute)), LEASE);
  const leaseOf = (result: ClaimResult): WeekLease => {
    if (result.kind !== 'claimed') throw new Error(`expected a claim, got ${JSON.stringify(result)}`);
    return result.lease;
  };

  it('gives a week to exactly one of many claimants', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => claim(`instance-${index}`, 0)),
    );
    assert.equal(results.filter((result) => result.kind === 'claimed').length, 1);
    assert.deepEqual(
      results
        .filter((result) => result.kind === 'held')
        .map((result) => result.kind === 'held' && result.leaseUntil),
      Array.from({ length: 9 }, () => at(2)),
    );
  });

  it('lets a released week be claimed again at once, and keeps weeks and channels apart', async () => {
    const first = leaseOf(await claim('a', 0));
    assert.equal((await claim('a', 0, '2026-W49')).kind, 'claimed');
    assert.equal((await claim('a', 0, '2026-W48', '19:other@thread.tacv2')).kind, 'claimed');
    await ledger.release(first);
    assert.equal((await claim('b', 0.5)).kind, 'claimed');
  });

  it('does not take over a live lease, but one that ran out (a crashed run) goes to exactly one run within minutes', async () => {
    leaseOf(await claim('crashed', 0));
    assert.deepEqual(await claim('b', 1.9), { kind: 'held', claimant: 'crashed', leaseUntil: at(2) });
    const later = await Promise.all([claim('c', 2.1), claim('d', 2.1)]);
    assert.deepEqual(later.map((result) => result.kind).sort(), ['claimed', 'held']);
  });

  it('a renewed lease holds; the old holder can neither renew nor release a lease taken over from it', async () => {
    const lease = leaseOf(await claim('slow', 0));
    const renewed = await ledger.renew(lease, new Date(at(1.5)), LEASE);
    assert.equal(renewed?.leaseUntil, at(3.5));
    assert.equal((await claim('b', 3)).kind, 'held');
    const takenOver = leaseOf(await claim('b', 4));
    assert.equal(await ledger.renew(renewed!, new Date(at(4.1)), LEASE), undefined);
    await ledger.release(renewed!);
    assert.equal((await claim('c', 4.2)).kind, 'held', "the old holder's release left the new claim");
    assert.ok(await ledger.renew(takenOver, new Date(at(4.3)), LEASE));
  });

  it('never takes over a week that was posted', async () => {
    leaseOf(await claim('a', 0));
    await ledger.recordPosted(CHANNEL, { week: '2026-W48', postedAt: at(1), snapshot: '{}' }, false);
    assert.deepEqual(await claim('b', 120), { kind: 'posted' });
  });

  it('remembers the latest posted digest and lists every posted one with its Teams ids', async () => {
    assert.equal(await ledger.latest(CHANNEL), undefined);
    leaseOf(await claim('a', 0));
    const scheduled = {
      week: '2026-W48',
      postedAt: at(1),
      conversationId: `${CHANNEL};messageid=111`,
      activityId: '111',
      snapshot: '{"x":1}',
    };
    await ledger.recordPosted(CHANNEL, scheduled, false);
    const extra = {
      week: '2026-W48',
      postedAt: at(5),
      conversationId: `${CHANNEL};messageid=222`,
      activityId: '222',
      snapshot: '{"x":2}',
    };
    await ledger.recordPosted(CHANNEL, extra, true);
    assert.deepEqual(await ledger.latest(CHANNEL), extra);
    const listed = await ledger.list();
    assert.deepEqual(
      listed.sort((a, b) => a.postedAt.localeCompare(b.postedAt)),
      [
        { ...scheduled, channelId: CHANNEL, extra: false },
        { ...extra, channelId: CHANNEL, extra: true },
      ],
    );
  });

  const badRows: [string, Record<string, unknown>, (ledger: TableDigestLedger) => Promise<unknown>][] = [
    ['a latest row in a state the bot never writes', { state: 'sent' }, (ledger) => ledger.latest(CHANNEL)],
    ['a posted row with its time stored as a number', { postedAt: 20261123 }, (ledger) => ledger.list()],
    ['a claim whose claimant is a number', { state: 'claimed', claimant: 7 }, () => claim('b', 60)],
  ];
  for (const [name, change, read] of badRows) {
    it(`a digest row read back is checked, not cast: ${name} is refused, naming the row`, async () => {
      leaseOf(await claim('a', 0));
      await ledger.recordPosted(
        CHANNEL,
        { week: '2026-W48', postedAt: at(1), activityId: '111', snapshot: '{}' },
        false,
      );
      const rowKey = name.startsWith('a latest') ? 'latest' : 'week|2026-W48';
      const partitionKey = safeKey(CHANNEL);
      await tables.digests.updateEntity({ partitionKey, rowKey, ...change }, 'Merge');
      await assert.rejects(read(ledger), (error: unknown) => {
        return error instanceof StoredRowError && error.message.includes(rowKey);
      });
    });
  }

  it('tells the admins there is no board channel once a week', async () => {
    assert.equal(await ledger.claimNoChannelNotice('2026-W48', at(0)), true);
    assert.equal(await ledger.claimNoChannelNotice('2026-W48', at(1)), false);
    assert.equal(await ledger.claimNoChannelNotice('2026-W49', at(2)), true);
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
