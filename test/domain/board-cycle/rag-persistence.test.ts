import { strict as assert } from 'node:assert';
import {
  describePersistence,
  ragChangedAt,
  type RagChange,
} from '../../../domain/board-cycle/rag-persistence';
import type { RagStatus } from '../../../domain/rag-status';

const LONDON = 'Europe/London';

describe('board cycle: how long an action has held its RAG', () => {
  const change = (at: string, fromRag: RagStatus, toRag: RagStatus): RagChange => ({ at, fromRag, toRag });

  const changes: [string, RagChange[], string | undefined][] = [
    ['no history', [], undefined],
    ['only owner changes', [change('2026-05-01T09:00:00Z', 'not_started', 'not_started')], undefined],
    [
      'newest first, notes since the last RAG change',
      [
        change('2026-11-20T09:00:00Z', 'amber', 'amber'),
        change('2026-11-01T09:00:00Z', 'red', 'amber'),
        change('2026-10-01T09:00:00Z', 'not_started', 'red'),
      ],
      '2026-11-01T09:00:00Z',
    ],
    [
      'oldest first',
      [change('2026-10-01T09:00:00Z', 'not_started', 'red'), change('2026-11-01T09:00:00Z', 'red', 'amber')],
      '2026-11-01T09:00:00Z',
    ],
    [
      'times with offsets compared as instants',
      [change('2026-11-01T09:30:00+01:00', 'red', 'amber'), change('2026-11-01T08:45:00Z', 'amber', 'green')],
      '2026-11-01T08:45:00Z',
    ],
  ];
  for (const [name, list, expected] of changes) {
    it(`finds the last RAG change: ${name}`, () => {
      assert.equal(ragChangedAt(list), expected);
    });
  }

  const texts: [RagStatus, string, string, string][] = [
    ['amber', '2026-12-02T08:00:00Z', '2026-12-02T17:00:00Z', 'Amber since today'],
    ['amber', '2026-12-01T23:30:00Z', '2026-12-02T00:10:00Z', 'Amber for 1 day'],
    ['red', '2026-11-19T09:00:00Z', '2026-12-02T09:00:00Z', 'Red for 13 days'],
    ['red', '2026-11-18T09:00:00Z', '2026-12-02T09:00:00Z', 'Red for 2 weeks'],
    ['amber', '2026-11-04T09:00:00Z', '2026-12-02T09:00:00Z', 'Amber for 4 weeks'],
    ['amber', '2026-10-01T09:00:00Z', '2026-12-02T09:00:00Z', 'Amber for 8 weeks'],
    ['green', '2026-09-30T09:00:00Z', '2026-12-02T09:00:00Z', 'Green for 2 months'],
    ['green', '2026-01-03T09:00:00Z', '2026-12-02T09:00:00Z', 'Green for 10 months'],
    ['not_started', '2024-12-03T09:00:00Z', '2026-12-02T09:00:00Z', 'Not started for 23 months'],
    ['not_started', '2024-12-02T09:00:00Z', '2026-12-02T09:00:00Z', 'Not started for 2 years'],
    // 23:30 UTC on 28 March is still 28 March in London; the clocks go forward overnight: one day.
    ['amber', '2026-03-28T23:30:00Z', '2026-03-29T22:30:00Z', 'Amber for 1 day'],
    ['amber', '2026-10-24T23:30:00Z', '2026-10-25T23:30:00Z', 'Amber since today'],
  ];
  for (const [rag, since, now, text] of texts) {
    it(`${since} → ${now}: ${text}`, () => {
      assert.equal(describePersistence(rag, new Date(since), new Date(now), LONDON), text);
    });
  }
});
