import { strict as assert } from 'node:assert';
import * as cards from '../../cards';
import type { RagStatus } from '../../domain/rag-status';
import { ofType, visibleText } from './card-walk';
import * as fixtures from './fixtures';

const EXPECTED: Record<RagStatus, { word: string; color: string; isSubtle: boolean }> = {
  red: { word: 'Red', color: 'Attention', isSubtle: false },
  amber: { word: 'Amber', color: 'Warning', isSubtle: false },
  green: { word: 'Green', color: 'Good', isSubtle: false },
  complete: { word: 'Complete', color: 'Accent', isSubtle: false },
  not_started: { word: 'Not started', color: 'Default', isSubtle: true },
};

describe('RAG statuses', () => {
  for (const rag of fixtures.RAG_STATUSES) {
    const { word, color, isSubtle } = EXPECTED[rag];

    it(`${rag} is shown as the word "${word}" as well as the colour ${color}`, () => {
      const builds = [
        cards.buildActionCard({ ...fixtures.minimalAction, status: { rag } }),
        cards.buildPriorityCard(fixtures.priority([fixtures.actionSummary({ status: { rag } })])),
        cards.buildMyActionsCard({
          ownerName: 'Jo',
          actions: [{ ...fixtures.actionSummary({ status: { rag } }), priorityNumber: 5 }],
        }),
        cards.buildPersonalDataCheckCard({ ...fixtures.personalDataCheck, rag }),
      ];
      for (const card of builds) {
        const badge = ofType(card, 'TextRun').find((run) => run.text === `● ${word}`);
        assert.ok(badge, `no "● ${word}" on ${visibleText(card)}`);
        assert.equal(badge.color, color);
        assert.equal(badge.isSubtle, isSubtle);
      }
    });
  }

  it('the plan card counts every status in words', () => {
    const text = visibleText(cards.buildPlanCard(fixtures.fullPlan()));
    for (const count of ['Red 2', 'Amber 3', 'Green 5', 'Complete 1', 'Not started 7']) {
      assert.ok(text.includes(`● ${count}`), `no "${count}" in ${text}`);
    }
  });

  it('a priority’s counts leave out statuses with no actions', () => {
    const card = cards.buildPriorityCard({
      ...fixtures.fullPriority,
      ragCounts: fixtures.counts({ red: 2 }),
    });
    const text = visibleText(card);
    assert.ok(text.includes('● Red 2'));
    assert.ok(!text.includes('● Amber 0'));
  });

  it('every coloured run names its status', () => {
    const card = cards.buildPlanCard(fixtures.fullPlan());
    const coloured = ofType(card, 'TextRun').filter(
      (run) => run.color !== undefined && run.color !== 'Default',
    );
    assert.ok(coloured.length > 0);
    for (const run of coloured) {
      assert.match(String(run.text), /^● (Red|Amber|Green|Complete) \d+$/);
    }
  });

  it('the form offers Red, Amber, Green and Complete (blue)', () => {
    const [choiceSet] = ofType(cards.buildActionCard(fixtures.fullAction), 'Input.ChoiceSet');
    assert.deepEqual(choiceSet.choices, [
      { title: 'Red', value: 'red' },
      { title: 'Amber', value: 'amber' },
      { title: 'Green', value: 'green' },
      { title: 'Complete (blue)', value: 'complete' },
    ]);
  });
});
