import assert from 'node:assert/strict';
import { boardPackFileName } from '../../documents/board-pack-file-name';

describe('board pack: file name', () => {
  const cases: [string, string, 'docx' | 'xlsx', string, string][] = [
    [
      'a winter noon in London',
      '2026-12-02T12:00:00Z',
      'docx',
      'Europe/London',
      'OSCB board pack 2026-12-02.docx',
    ],
    [
      'late evening in summer time is already the next day',
      '2026-06-30T23:30:00Z',
      'xlsx',
      'Europe/London',
      'OSCB board pack 2026-07-01.xlsx',
    ],
    [
      'late evening in winter is the same day (GMT)',
      '2026-12-31T23:30:00Z',
      'docx',
      'Europe/London',
      'OSCB board pack 2026-12-31.docx',
    ],
    [
      'the zone decides the day',
      '2026-03-01T03:00:00Z',
      'xlsx',
      'America/New_York',
      'OSCB board pack 2026-02-28.xlsx',
    ],
  ];
  for (const [name, asAt, ext, timeZone, expected] of cases) {
    it(name, () => assert.equal(boardPackFileName(new Date(asAt), ext, timeZone), expected));
  }
});
