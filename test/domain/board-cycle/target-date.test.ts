import { strict as assert } from 'node:assert';
import {
  currentTargetDate,
  daysOverdue,
  daysUntilTarget,
  describeTargetDistance,
} from '../../../domain/board-cycle/target-date';

const LONDON = 'Europe/London';

describe('board cycle: target dates', () => {
  const cases: [string, string, number, number | undefined, string][] = [
    // [target, now, days until, days overdue, text]
    ['2026-12-02', '2026-12-02T09:00:00Z', 0, undefined, 'due today'],
    ['2026-12-02', '2026-12-02T23:59:00Z', 0, undefined, 'due today'],
    ['2026-12-03', '2026-12-02T09:00:00Z', 1, undefined, 'due tomorrow'],
    ['2026-12-05', '2026-12-02T09:00:00Z', 3, undefined, 'due in 3 days'],
    ['2026-12-01', '2026-12-02T00:01:00Z', -1, 1, 'overdue by 1 day'],
    ['2026-11-20', '2026-12-02T09:00:00Z', -12, 12, 'overdue by 12 days'],
    ['2024-12-02', '2026-12-02T09:00:00Z', -730, 730, 'overdue by 730 days'],
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (British Summer Time): a 30 June target has passed.
    ['2026-06-30', '2026-06-30T23:30:00Z', -1, 1, 'overdue by 1 day'],
    // 23:30 UTC on 30 December is still 30 December in London (GMT).
    ['2026-12-30', '2026-12-30T23:30:00Z', 0, undefined, 'due today'],
    // Across the clock changes a day is still a day.
    ['2026-03-28', '2026-03-30T00:30:00+01:00', -2, 2, 'overdue by 2 days'],
    ['2026-10-24', '2026-10-26T00:30:00Z', -2, 2, 'overdue by 2 days'],
    ['2026-03-29', '2026-03-29T00:59:00Z', 0, undefined, 'due today'],
    ['2026-10-25', '2026-10-25T23:59:00Z', 0, undefined, 'due today'],
  ];
  for (const [target, now, until, overdue, text] of cases) {
    it(`target ${target} at ${now}: ${text}`, () => {
      const at = new Date(now);
      assert.equal(daysUntilTarget(target, at, LONDON), until);
      assert.equal(daysOverdue(target, at, LONDON), overdue);
      assert.equal(describeTargetDistance(target, at, LONDON), text);
    });
  }

  it('counts in the board’s zone, not the server’s', () => {
    const now = new Date('2026-12-02T20:00:00Z');
    assert.equal(daysOverdue('2026-12-02', now, 'Pacific/Auckland'), 1);
    assert.equal(daysOverdue('2026-12-02', now, LONDON), undefined);
  });

  const targets: [Parameters<typeof currentTargetDate>[0], string | undefined][] = [
    [{}, undefined],
    [{ planDue: '2027-03-31' }, '2027-03-31'],
    [{ planDue: '2027-03-31', targetDate: '2027-04-30' }, '2027-04-30'],
    [{ planDue: '2027-03-31', targetDate: '2027-04-30', revisedTargetDate: '2027-06-30' }, '2027-06-30'],
    [{ revisedTargetDate: '2027-06-30' }, '2027-06-30'],
  ];
  for (const [dates, expected] of targets) {
    it(`the current target of ${JSON.stringify(dates)} is ${String(expected)}`, () => {
      assert.equal(currentTargetDate(dates), expected);
    });
  }
});
