import { strict as assert } from 'node:assert';
import {
  DATE_FORMS_HINT,
  MAX_DATE_TEXT_LENGTH,
  formatCalendarDate,
  isoDateOf,
  readIsoDate,
  readTypedDate,
  todayIn,
  type DateReading,
} from '../../../domain/board-cycle/calendar-date';

const window = { today: '2026-12-02' };

describe('board cycle: reading a typed date', () => {
  const read: [string, string][] = [
    ['2027-03-31', '2027-03-31'],
    ['2027-3-5', '2027-03-05'],
    ['31 March 2027', '2027-03-31'],
    ['31 march 2027', '2027-03-31'],
    ['  31   MARCH   2027  ', '2027-03-31'],
    ['31 Mar 2027', '2027-03-31'],
    ['31 Mar. 2027', '2027-03-31'],
    ['1st April 2027', '2027-04-01'],
    ['2nd May 2027', '2027-05-02'],
    ['3rd June 2027', '2027-06-03'],
    ['4th of July 2027', '2027-07-04'],
    ['30 Sept 2027', '2027-09-30'],
    ['30 Sep 2027', '2027-09-30'],
    ['31 March, 2027', '2027-03-31'],
    ['31 March 2027.', '2027-03-31'],
    ['31.03.2027.', '2027-03-31'],
    ['March 31 2027', '2027-03-31'],
    ['March 31, 2027', '2027-03-31'],
    ['31/03/2027', '2027-03-31'],
    ['31.03.2027', '2027-03-31'],
    ['31-03-2027', '2027-03-31'],
    // Day first, as in the UK: 4 March, not 3 April.
    ['04/03/2027', '2027-03-04'],
    ['4/3/2027', '2027-03-04'],
    ['29 February 2028', '2028-02-29'],
    // The window's edges: ten years either side of today, inclusive.
    ['2 December 2036', '2036-12-02'],
    ['2 December 2016', '2016-12-02'],
  ];
  for (const [typed, expected] of read) {
    it(`reads ${JSON.stringify(typed)} as ${expected}`, () => {
      assert.deepEqual(readTypedDate(typed, window), { ok: true, date: expected });
    });
  }

  const refused: [string, string][] = [
    ['', `Please give a date. ${DATE_FORMS_HINT}`],
    ['   ', `Please give a date. ${DATE_FORMS_HINT}`],
    ['next Tuesday', `I could not read that as a date. ${DATE_FORMS_HINT}`],
    ['soon', `I could not read that as a date. ${DATE_FORMS_HINT}`],
    ['2027/03/31', `I could not read that as a date. ${DATE_FORMS_HINT}`],
    ['31 Marchh 2027', `I do not know the month "marchh". ${DATE_FORMS_HINT}`],
    ['31 February 2027', '31 February 2027 is not a date: February 2027 has 28 days.'],
    ['2027-02-29', '29 February 2027 is not a date: February 2027 has 28 days.'],
    ['31/04/2027', '31 April 2027 is not a date: April 2027 has 30 days.'],
    ['0 March 2027', '0 March 2027 is not a date: March 2027 has 31 days.'],
    ['2027-13-01', `There is no month 13. ${DATE_FORMS_HINT}`],
    [
      '03/31/2027',
      `I read numeric dates day first, as in 31/03/2027, and there is no month 31. ${DATE_FORMS_HINT}`,
    ],
    ['31/03/27', 'Please write the year in full, as in 31/03/2027.'],
    ['31 March', 'Please include the year, as in 31 March 2027.'],
    ['March 31st', 'Please include the year, as in 31 March 2027.'],
    ['3 December 2036', '3 December 2036 is more than 10 years ahead; please check the year.'],
    ['31 March 2207', '31 March 2207 is more than 10 years ahead; please check the year.'],
    ['1 December 2016', '1 December 2016 is more than 10 years ago; please check the year.'],
    ['0001-01-01', '1 January 1 is more than 10 years ago; please check the year.'],
    ['x'.repeat(MAX_DATE_TEXT_LENGTH + 1), `That is too long for a date. ${DATE_FORMS_HINT}`],
  ];
  for (const [typed, problem] of refused) {
    it(`refuses ${JSON.stringify(typed.slice(0, 30))}: ${problem}`, () => {
      assert.deepEqual(readTypedDate(typed, window), { ok: false, problem } satisfies DateReading);
    });
  }

  it('uses the window it is given', () => {
    const narrow = { today: '2026-12-02', yearsBack: 1, yearsAhead: 2 };
    assert.equal(readTypedDate('2 December 2028', narrow).ok, true);
    assert.deepEqual(readTypedDate('3 December 2028', narrow), {
      ok: false,
      problem: '3 December 2028 is more than 2 years ahead; please check the year.',
    });
    assert.deepEqual(readTypedDate('1 December 2025', narrow), {
      ok: false,
      problem: '1 December 2025 is more than 1 years ago; please check the year.',
    });
  });

  it('keeps a window from 29 February inside real dates', () => {
    const leapDay = { today: '2028-02-29', yearsBack: 1, yearsAhead: 1 };
    assert.equal(readTypedDate('28 February 2029', leapDay).ok, true);
    assert.equal(readTypedDate('1 March 2029', leapDay).ok, false);
    assert.equal(readTypedDate('28 February 2027', leapDay).ok, true);
    assert.equal(readTypedDate('27 February 2027', leapDay).ok, false);
  });
});

describe('board cycle: calendar dates', () => {
  const today: [string, string, string][] = [
    // 23:30 UTC on 28 March 2026 is already 29 March in New Zealand, still 28 March in London.
    ['2026-03-28T23:30:00Z', 'Europe/London', '2026-03-28'],
    ['2026-03-28T23:30:00Z', 'Pacific/Auckland', '2026-03-29'],
    // In British Summer Time 23:30 UTC is 00:30 the next day in London.
    ['2026-06-30T23:30:00Z', 'Europe/London', '2026-07-01'],
    ['2026-10-25T23:30:00Z', 'Europe/London', '2026-10-25'],
  ];
  for (const [instant, zone, expected] of today) {
    it(`today at ${instant} in ${zone} is ${expected}`, () => {
      assert.equal(todayIn(new Date(instant), zone), expected);
    });
  }

  it('writes and reads YYYY-MM-DD', () => {
    assert.equal(isoDateOf({ year: 2027, month: 3, day: 5 }), '2027-03-05');
    assert.deepEqual(readIsoDate('2027-03-05'), { year: 2027, month: 3, day: 5 });
    assert.throws(() => readIsoDate('2027-02-30'), RangeError);
    assert.throws(() => readIsoDate('31/03/2027'), RangeError);
  });

  const formatted: [string, string][] = [
    ['2027-03-31', '31 March 2027'],
    ['2027-01-01', '1 January 2027'],
    ['2028-02-29', '29 February 2028'],
  ];
  for (const [date, expected] of formatted) {
    it(`formats ${date} as ${expected}`, () => {
      assert.equal(formatCalendarDate(date), expected);
    });
  }
});
