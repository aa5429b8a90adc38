import { strict as assert } from 'node:assert';
import {
  describeDirection,
  directionOfTravel,
  type DirectionOfTravel,
} from '../../../domain/board-cycle/direction-of-travel';
import { RAG_STATUSES, type RagStatus } from '../../../domain/rag-status';

describe('board cycle: direction of travel', () => {
  // [at the previous digest, now, direction]: all 25 pairs, written out so the rule is read, not recomputed.
  const pairs: [RagStatus, RagStatus, DirectionOfTravel['direction']][] = [
    ['not_started', 'not_started', 'same'],
    ['not_started', 'red', 'worsening'],
    ['not_started', 'amber', 'same'],
    ['not_started', 'green', 'improving'],
    ['not_started', 'complete', 'improving'],
    ['red', 'not_started', 'improving'],
    ['red', 'red', 'same'],
    ['red', 'amber', 'improving'],
    ['red', 'green', 'improving'],
    ['red', 'complete', 'improving'],
    ['amber', 'not_started', 'same'],
    ['amber', 'red', 'worsening'],
    ['amber', 'amber', 'same'],
    ['amber', 'green', 'improving'],
    ['amber', 'complete', 'improving'],
    ['green', 'not_started', 'worsening'],
    ['green', 'red', 'worsening'],
    ['green', 'amber', 'worsening'],
    ['green', 'green', 'same'],
    ['green', 'complete', 'improving'],
    ['complete', 'not_started', 'worsening'],
    ['complete', 'red', 'worsening'],
    ['complete', 'amber', 'worsening'],
    ['complete', 'green', 'worsening'],
    ['complete', 'complete', 'same'],
  ];

  it('covers every pair of statuses', () => {
    const covered = new Set(pairs.map(([was, now]) => `${was}>${now}`));
    assert.equal(covered.size, RAG_STATUSES.length ** 2);
  });

  for (const [was, now, direction] of pairs) {
    it(`${was} → ${now} is ${direction}`, () => {
      const expected: DirectionOfTravel = was === now ? { direction } : { direction, was };
      assert.deepEqual(directionOfTravel(now, was), expected);
    });
  }

  for (const now of RAG_STATUSES) {
    it(`${now} with no earlier digest is new`, () => {
      assert.deepEqual(directionOfTravel(now, undefined), { direction: 'new' });
    });
  }

  const texts: [DirectionOfTravel, string][] = [
    [{ direction: 'improving', was: 'amber' }, '↑ improving (was Amber)'],
    [{ direction: 'worsening', was: 'green' }, '↓ worsening (was Green)'],
    [{ direction: 'same' }, '→ no change'],
    [{ direction: 'same', was: 'not_started' }, '→ no change (was Not started)'],
    [{ direction: 'new' }, ''],
  ];
  for (const [travel, text] of texts) {
    it(`describes ${JSON.stringify(travel)} as ${JSON.stringify(text)}`, () => {
      assert.equal(describeDirection(travel), text);
    });
  }
});
