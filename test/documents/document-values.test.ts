import assert from 'node:assert/strict';
import { directionText } from '../../documents/direction-text';
import { excelDate } from '../../documents/excel-date';
import { isLinkableUrl } from '../../documents/linkable-url';
import { wrappedRowHeight } from '../../documents/xlsx-row-height';
import { boardDay, boardMoment } from '../../views/board-dates';

describe('board pack: values in documents', () => {
  describe('excelDate reads a local ISO date or date-time as that wall clock in UTC', () => {
    const good: [string, string][] = [
      ['2026-03-31', '2026-03-31T00:00:00.000Z'],
      ['2026-03-29T01:30', '2026-03-29T01:30:00.000Z'],
      ['2024-02-29T23:59', '2024-02-29T23:59:00.000Z'],
    ];
    for (const [input, expected] of good) {
      it(input, () => assert.equal(excelDate(input).toISOString(), expected));
    }
    for (const bad of [
      '',
      '31/03/2026',
      '2026-3-31',
      '2026-03-31T14:05:00Z',
      '2026-03-31 14:05',
      'yesterday',
    ]) {
      it(`refuses ${JSON.stringify(bad)}`, () => assert.throws(() => excelDate(bad), RangeError));
    }
  });

  describe('isLinkableUrl links only absolute https URLs', () => {
    const cases: [string, boolean][] = [
      ['https://example.org/evidence', true],
      ['HTTPS://EXAMPLE.ORG/x', true],
      ['http://example.org/evidence', false],
      ['javascript:alert(1)', false],
      ['file:///etc/passwd', false],
      ['example.org/evidence', false],
      ['', false],
      ['see the minutes', false],
    ];
    for (const [text, expected] of cases) {
      it(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(isLinkableUrl(text), expected));
    }
  });

  it('directionText says the trend and the earlier status', () => {
    assert.equal(directionText({ trend: 'improving', earlierStatus: 'red' }), 'Improving (was Red)');
    assert.equal(
      directionText({ trend: 'worsening', earlierStatus: 'not_started' }),
      'Worsening (was Not started)',
    );
    assert.equal(directionText({ trend: 'same', earlierStatus: 'amber' }), 'No change (was Amber)');
  });

  describe('board dates follow the board clock, summer time included', () => {
    it('a moment in British Summer Time', () => {
      assert.deepEqual(boardMoment(new Date('2026-06-30T23:30:00Z'), 'Europe/London'), {
        iso: '2026-07-01T00:30',
        label: 'Wed, 1 Jul 2026, 00:30',
      });
    });
    it('a day in winter', () => {
      assert.deepEqual(boardDay(new Date('2026-12-02T12:00:00Z'), 'Europe/London'), {
        iso: '2026-12-02',
        label: '2 Dec 2026',
      });
    });
  });

  describe('wrappedRowHeight gives a row the lines its wrapped text needs', () => {
    const columns = [{ width: 10 }, { width: 10, wrap: true }, { width: 20, wrap: true }];
    const cases: [string, unknown[], number | undefined][] = [
      ['short text keeps the default height', ['x', 'short', 'short'], undefined],
      ['text past one line of a wrapped column', ['', 'a'.repeat(13), ''], 30],
      ['the tallest column decides', ['', 'a'.repeat(13), 'b'.repeat(24 * 3 + 1)], 60],
      ['newlines count as lines', ['', 'one\ntwo\nthree', ''], 45],
      // 24 characters a line: "Business manager" then "(Oxfordshire County" then "Council)", whole words.
      [
        'words wrap whole, so a line holds fewer than its width',
        ['', '', 'Business manager (Oxfordshire County Council)'],
        45,
      ],
      ['an unwrapped column never grows the row', ['c'.repeat(500), '', ''], undefined],
      ['numbers and dates are one line', [1, new Date(0), 2], undefined],
      ['capped at the tallest row Excel allows', ['', '\n'.repeat(100), ''], 409],
    ];
    for (const [name, values, expected] of cases) {
      it(name, () => assert.equal(wrappedRowHeight(values, columns), expected));
    }
  });
});
