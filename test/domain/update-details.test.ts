import { strict as assert } from 'node:assert';
import {
  CORRECTIVE_ACTION_NEEDED,
  readUpdateDetails,
  type TypedUpdateDetails,
  type UpdateDetailsReading,
} from '../../domain/update-details';
import type { RagStatus } from '../../domain/rag-status';

describe('update details: impact so far, evidence link, corrective action', () => {
  const accepted: [string, RagStatus, TypedUpdateDetails, UpdateDetailsReading][] = [
    ['nothing given, amber', 'amber', {}, { ok: true, details: {} }],
    [
      'blanks are none',
      'green',
      { impact: '  ', evidenceLink: ' ', correctiveAction: '\n' },
      { ok: true, details: {} },
    ],
    [
      'all three, red',
      'red',
      {
        impact: ' Fewer re-referrals ',
        evidenceLink: 'https://example.org/audit',
        correctiveAction: 'Extra panel',
      },
      {
        ok: true,
        details: {
          impact: 'Fewer re-referrals',
          evidenceUrl: 'https://example.org/audit',
          correctiveAction: 'Extra panel',
        },
      },
    ],
    [
      '1,000 characters of impact',
      'amber',
      { impact: 'x'.repeat(1000) },
      { ok: true, details: { impact: 'x'.repeat(1000) } },
    ],
    [
      'a corrective action on amber is kept',
      'amber',
      { correctiveAction: 'Chasing' },
      { ok: true, details: { correctiveAction: 'Chasing' } },
    ],
  ];
  for (const [name, rag, typed, expected] of accepted) {
    it(`accepts ${name}`, () => assert.deepEqual(readUpdateDetails(rag, typed), expected));
  }

  const refused: [string, RagStatus, TypedUpdateDetails, RegExp][] = [
    ['red with no corrective action', 'red', {}, new RegExp(CORRECTIVE_ACTION_NEEDED)],
    [
      'red with an invisible corrective action',
      'red',
      { correctiveAction: '\u200b\u2800' },
      /needs a corrective action/,
    ],
    [
      'impact of 1,001 characters',
      'green',
      { impact: 'y'.repeat(1001) },
      /Impact so far can be at most 1,000 characters; this has 1,001/,
    ],
    ['a huge impact', 'green', { impact: 'y'.repeat(100_000) }, /this has 100,000/],
    [
      'corrective action of 1,001',
      'red',
      { correctiveAction: 'z'.repeat(1001) },
      /corrective action can be at most 1,000/,
    ],
    ['a broken character', 'amber', { impact: 'a \ud800 b' }, /broken character/],
    [
      'javascript:',
      'amber',
      { evidenceLink: 'javascript:alert(1)' },
      /^Evidence link: Only https:\/\/ links/,
    ],
    ['http:', 'amber', { evidenceLink: 'http://example.org/a' }, /^Evidence link: Only secure links/],
    ['data:', 'amber', { evidenceLink: 'data:text/html,hi' }, /^Evidence link: Only https:\/\/ links/],
    ['spaces', 'amber', { evidenceLink: 'https://example.org/a b' }, /cannot contain spaces/],
    [
      '2,001 characters',
      'amber',
      { evidenceLink: `https://example.org/${'a'.repeat(1990)}` },
      /at most 2,000 characters/,
    ],
    ['no scheme', 'amber', { evidenceLink: 'example.org/report' }, /starting https:\/\//],
  ];
  for (const [name, rag, typed, problem] of refused) {
    it(`refuses ${name}`, () => {
      const reading = readUpdateDetails(rag, typed);
      assert.equal(reading.ok, false);
      if (!reading.ok) assert.match(reading.problem, problem);
    });
  }
});
