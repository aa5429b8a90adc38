import { strict as assert } from 'node:assert';
import {
  MAX_PERIOD_TEXT_LENGTH,
  PERIOD_FORMS_HINT,
  periodInstants,
  readDatePeriod,
  startOfLocalDay,
  type DatePeriod,
} from '../../../domain/board-cycle/date-period';

const window = { today: '2026-12-02' };

describe('board cycle: reading a period', () => {
  const read: [string, DatePeriod][] = [
    ['since 1 April 2026', { from: '2026-04-01' }],
    ['Since 1st April 2026', { from: '2026-04-01' }],
    ['from 1 April 2026', { from: '2026-04-01' }],
    ['from 1 Jan 2026 to 31 Mar 2026', { from: '2026-01-01', to: '2026-03-31' }],
    ['from 1 Oct 2026 to 31 Oct 2026', { from: '2026-10-01', to: '2026-10-31' }],
    ['from 01/01/2026 until 31/03/2026', { from: '2026-01-01', to: '2026-03-31' }],
    ['between 2026-01-01 and 2026-03-31', { from: '2026-01-01', to: '2026-03-31' }],
    ['since 1 April 2026 to 30 April 2026', { from: '2026-04-01', to: '2026-04-30' }],
    ['from 1 Jan 2026 to 1 Jan 2026', { from: '2026-01-01', to: '2026-01-01' }],
    // A period may run past today: it simply has nothing after it yet.
    ['from 1 Nov 2026 to 31 Dec 2026', { from: '2026-11-01', to: '2026-12-31' }],
    ['since 2 December 2026', { from: '2026-12-02' }],
  ];
  for (const [typed, period] of read) {
    it(`reads ${JSON.stringify(typed)}`, () => {
      assert.deepEqual(readDatePeriod(typed, window), { ok: true, period });
    });
  }

  const refused: [string, string][] = [
    ['', PERIOD_FORMS_HINT],
    ['last month', PERIOD_FORMS_HINT],
    ['1 April 2026', PERIOD_FORMS_HINT],
    ['since', PERIOD_FORMS_HINT],
    ['since 31 February 2026', '31 February 2026 is not a date: February 2026 has 28 days.'],
    ['since 3 December 2026', '3 December 2026 is after today, so there is nothing to show from it yet.'],
    [
      'from 31 Mar 2026 to 1 Jan 2026',
      'The period ends on 1 January 2026, before it starts on 31 March 2026.',
    ],
    ['between 1 Jan 2026', 'Please give both ends, as in "between 1 Jan 2026 and 31 Mar 2026".'],
    [
      'from 1 Jan 2026 to soon',
      'I could not read that as a date. I read dates like 31 March 2027, 31/03/2027 or 2027-03-31.',
    ],
    ['since 1 April 1990', '1 April 1990 is more than 10 years ago; please check the year.'],
    [`since ${'1'.repeat(MAX_PERIOD_TEXT_LENGTH)}`, `That is too long for a period. ${PERIOD_FORMS_HINT}`],
  ];
  for (const [typed, problem] of refused) {
    it(`refuses ${JSON.stringify(typed.slice(0, 40))}`, () => {
      assert.deepEqual(readDatePeriod(typed, window), { ok: false, problem });
    });
  }
});

describe('board cycle: the instants a period covers', () => {
  // British Summer Time starts at 01:00 UTC on 29 March 2026 and ends at 01:00 UTC on 25 October 2026.
  const starts: [string, string, string][] = [
    ['2026-01-15', 'Europe/London', '2026-01-15T00:00:00.000Z'],
    ['2026-03-29', 'Europe/London', '2026-03-29T00:00:00.000Z'],
    ['2026-03-30', 'Europe/London', '2026-03-29T23:00:00.000Z'],
    ['2026-07-01', 'Europe/London', '2026-06-30T23:00:00.000Z'],
    ['2026-10-25', 'Europe/London', '2026-10-24T23:00:00.000Z'],
    ['2026-10-26', 'Europe/London', '2026-10-26T00:00:00.000Z'],
    ['2026-07-01', 'UTC', '2026-07-01T00:00:00.000Z'],
    ['2026-07-01', 'America/New_York', '2026-07-01T04:00:00.000Z'],
    ['2026-07-01', 'Pacific/Kiritimati', '2026-06-30T10:00:00.000Z'],
    // Clocks in Santiago go forward at midnight on 6 September 2026: that day starts at 01:00 local.
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
  ];
  for (const [date, zone, expected] of starts) {
    it(`${date} starts at ${expected} in ${zone}`, () => {
      assert.equal(startOfLocalDay(date, zone).toISOString(), expected);
    });
  }

  it('covers whole days at both ends across the spring clock change', () => {
    const { startsAt, endsBefore } = periodInstants(
      { from: '2026-03-28', to: '2026-03-29' },
      'Europe/London',
    );
    assert.equal(startsAt.toISOString(), '2026-03-28T00:00:00.000Z');
    assert.equal(endsBefore?.toISOString(), '2026-03-29T23:00:00.000Z');
    // 28 March has 24 hours, 29 March 23.
    assert.equal((endsBefore!.getTime() - startsAt.getTime()) / 3_600_000, 47);
  });

  it('covers whole days at both ends across the autumn clock change', () => {
    const { startsAt, endsBefore } = periodInstants(
      { from: '2026-10-25', to: '2026-10-25' },
      'Europe/London',
    );
    assert.equal(startsAt.toISOString(), '2026-10-24T23:00:00.000Z');
    assert.equal(endsBefore?.toISOString(), '2026-10-26T00:00:00.000Z');
    assert.equal((endsBefore!.getTime() - startsAt.getTime()) / 3_600_000, 25);
  });

  it('has no end for a period up to now', () => {
    assert.deepEqual(periodInstants({ from: '2026-04-01' }, 'Europe/London'), {
      startsAt: new Date('2026-03-31T23:00:00.000Z'),
    });
  });

  it('ends the last day of a year at the first instant of the next', () => {
    const { endsBefore } = periodInstants({ from: '2026-12-01', to: '2026-12-31' }, 'Europe/London');
    assert.equal(endsBefore?.toISOString(), '2027-01-01T00:00:00.000Z');
  });
});
