import { strict as assert } from 'node:assert';
import { CASES } from './builders';
import { assertNoUnboundFields, assertValidCard, cardProblems } from './card-validation';

describe('every card', () => {
  for (const { card, sample, build } of CASES) {
    describe(`${card} card, ${sample}`, () => {
      it('parses and validates as Adaptive Cards 1.5, full width, under 28 KB', () => {
        assertValidCard(build());
      });

      it('has no template expressions left unbound', () => {
        assertNoUnboundFields(build());
      });

      it('is the same card every time', () => {
        assert.deepEqual(build(), build());
      });
    });
  }
});

describe('card validation helper', () => {
  it('reports what Microsoft’s parser rejects or ignores', () => {
    const problems = cardProblems({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.6',
      msteams: { width: 'Full' },
      body: [
        { type: 'TextBlock', text: 'x', colour: 'Good' },
        { type: 'TextBlock', text: 'x', color: 'Purple' },
        { type: 'Carousel', pages: [] },
      ],
    });
    assert.ok(
      problems.some((problem) => problem.includes('colour: ignored')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((problem) => problem.includes('"Purple"')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((problem) => problem.includes('Carousel')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((problem) => problem.includes('version "1.6"')),
      problems.join('\n'),
    );
  });
});
