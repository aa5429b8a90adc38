import assert from 'node:assert/strict';
import { readReportYear, reportAsAt, reportYear } from '../../../domain/yearly-report/report-year';

const UK = 'Europe/London';

describe('yearly report: the reporting year in UK time', () => {
  const year = reportYear(2025, 4, UK);

  it('runs from 1 April to 31 March on the UK clock (BST at both ends)', () => {
    assert.equal(year.label, '2025-26');
    assert.equal(year.firstDay, '2025-04-01');
    assert.equal(year.lastDay, '2026-03-31');
    assert.equal(year.startsAt.toISOString(), '2025-03-31T23:00:00.000Z');
    assert.equal(year.endsBefore.toISOString(), '2026-03-31T23:00:00.000Z');
  });

  it('starts in another month when REPORT_YEAR_START_MONTH says so (GMT in January)', () => {
    const calendar = reportYear(2026, 1, UK);
    assert.equal(calendar.label, '2026-27');
    assert.equal(calendar.lastDay, '2026-12-31');
    assert.equal(calendar.startsAt.toISOString(), '2026-01-01T00:00:00.000Z');
    assert.equal(calendar.endsBefore.toISOString(), '2027-01-01T00:00:00.000Z');
  });

  const moments: [string, string, { draft: boolean; asAt: string } | RegExp][] = [
    [
      '31 March, 23:59 UK time: still running, a draft as at now',
      '2026-03-31T22:59:00Z',
      { draft: true, asAt: '2026-03-31T22:59:00.000Z' },
    ],
    [
      '1 April, 00:00 UK time: over, as at its last instant',
      '2026-03-31T23:00:00Z',
      { draft: false, asAt: '2026-03-31T22:59:59.999Z' },
    ],
    [
      'a year later: still as at its end',
      '2027-06-01T09:00:00Z',
      { draft: false, asAt: '2026-03-31T22:59:59.999Z' },
    ],
    ['31 March 2025, 23:59 UK time: not begun', '2025-03-31T22:59:00Z', /has not begun/],
  ];
  for (const [name, now, expected] of moments) {
    it(name, () => {
      const at = reportAsAt(year, new Date(now));
      if (expected instanceof RegExp) {
        assert.ok(!at.ok);
        assert.match(at.problem, expected);
        return;
      }
      assert.ok(at.ok);
      assert.deepEqual({ draft: at.draft, asAt: at.asAt.toISOString() }, expected);
    });
  }

  const typed: [string, string | RegExp][] = [
    ['2026-27', '2026-27'],
    ['2026/27', '2026-27'],
    [' 2026-2027 ', '2026-27'],
    ['2000-01', '2000-01'],
    ['2099-00', '2099-00'],
    ['2099-2100', '2099-00'],
    ['2026-28', /not one year after another/],
    ['2026-26', /not one year after another/],
    // Outside the years the bot keeps (no date before 2000 or after 2100): the message names the bound.
    ['1999-00', /^1999-00 is outside .*between 2000-01 and 2099-00/],
    ['1999-2000', /^1999-2000 is outside .*between 2000-01 and 2099-00/],
    ['1900-01', /^1900-01 is outside .*between 2000-01 and 2099-00/],
    ['2100-01', /^2100-01 is outside .*between 2000-01 and 2099-00/],
    ['2150-51', /^2150-51 is outside .*between 2000-01 and 2099-00/],
    ['2199-00', /is outside .*between 2000-01 and 2099-00/],
    ['2026', /is not a year/],
    ['26-27', /is not a year/],
    ['2026-27; drop', /is not a year/],
    ['9'.repeat(10_000), /is not a year/],
  ];
  for (const [text, expected] of typed) {
    it(`reads ${JSON.stringify(text.slice(0, 20))}`, () => {
      const reading = readReportYear(text, 4, UK);
      if (expected instanceof RegExp) {
        assert.ok(!reading.ok);
        assert.match(reading.problem, expected);
        assert.ok(reading.problem.length < 200);
        if (/is outside/.test(reading.problem))
          assert.doesNotMatch(reading.problem, /not one year after another/);
      } else {
        assert.ok(reading.ok);
        assert.equal(reading.year.label, expected);
      }
    });
  }
});
