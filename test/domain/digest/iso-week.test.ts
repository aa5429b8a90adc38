import { strict as assert } from 'node:assert';
import { isoWeek, isoWeekOf } from '../../../domain/digest/iso-week';
import { weekLabel } from '../../../domain/digest/week-label';

const LONDON = 'Europe/London';

describe('isoWeekOf', () => {
  const cases: [string, string, string, string][] = [
    ['a Monday morning in winter', '2026-11-23T08:00:00Z', LONDON, '2026-W48'],
    ['the Sunday before, last thing', '2026-11-22T23:59:59Z', LONDON, '2026-W47'],
    [
      'Monday 00:30 BST is Sunday 23:30 UTC, already the new week',
      '2026-06-14T23:30:00Z',
      LONDON,
      '2026-W25',
    ],
    ['…which in UTC is still the old week', '2026-06-14T23:30:00Z', 'UTC', '2026-W24'],
    // Clocks go forward at 01:00 UTC on Sunday 29 March 2026.
    ['Sunday 29 March, 23:59 BST', '2026-03-29T22:59:00Z', LONDON, '2026-W13'],
    ['Monday 30 March, 00:00 BST', '2026-03-29T23:00:00Z', LONDON, '2026-W14'],
    // Clocks go back at 01:00 UTC on Sunday 25 October 2026.
    ['Monday 19 October, 00:30 BST', '2026-10-18T23:30:00Z', LONDON, '2026-W43'],
    ['Sunday 25 October, 23:30 GMT', '2026-10-25T23:30:00Z', LONDON, '2026-W43'],
    ['Monday 26 October, 00:00 GMT', '2026-10-26T00:00:00Z', LONDON, '2026-W44'],
    // 2026 starts on a Thursday, so it has 53 weeks.
    ['Thursday 31 December 2026', '2026-12-31T12:00:00Z', LONDON, '2026-W53'],
    ['Friday 1 January 2027 belongs to 2026', '2027-01-01T12:00:00Z', LONDON, '2026-W53'],
    ['Sunday 3 January 2027, 23:30', '2027-01-03T23:30:00Z', LONDON, '2026-W53'],
    ['Monday 4 January 2027', '2027-01-04T00:00:00Z', LONDON, '2027-W01'],
    ['Thursday 31 December 2020', '2020-12-31T12:00:00Z', LONDON, '2020-W53'],
    ['Sunday 3 January 2021', '2021-01-03T12:00:00Z', LONDON, '2020-W53'],
    ['Monday 4 January 2021', '2021-01-04T12:00:00Z', LONDON, '2021-W01'],
    ['Monday 30 December 2019 belongs to 2020', '2019-12-30T12:00:00Z', LONDON, '2020-W01'],
    ['Monday 00:30 in Auckland is Sunday in London', '2026-11-22T11:30:00Z', 'Pacific/Auckland', '2026-W48'],
    ['Sunday 23:30 in New York is Monday in London', '2026-11-23T04:30:00Z', 'America/New_York', '2026-W47'],
  ];
  for (const [name, instant, timeZone, expected] of cases) {
    it(`${name}: ${expected}`, () => {
      assert.equal(isoWeekOf(new Date(instant), timeZone), expected);
    });
  }
});

describe('weekLabel', () => {
  const cases: [string, string][] = [
    ['2026-11-23T08:00:00Z', 'Week 48, 23–29 Nov 2026'],
    ['2026-11-30T08:00:00Z', 'Week 49, 30 Nov – 6 Dec 2026'],
    ['2026-12-31T08:00:00Z', 'Week 53, 28 Dec 2026 – 3 Jan 2027'],
    ['2026-09-07T08:00:00Z', 'Week 37, 7–13 Sep 2026'],
  ];
  for (const [instant, expected] of cases) {
    it(expected, () => {
      assert.equal(weekLabel(isoWeek(new Date(instant), LONDON)), expected);
    });
  }
});
