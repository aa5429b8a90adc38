import { strict as assert } from 'node:assert';
import { buildEscalationsCard } from '../../cards/escalations-card';
import type { EscalationsView } from '../../views/escalation-views';
import { actionsOf, cardText } from '../../scripts/support/card-content';

/** More rows than fit: the card says how many more and where to see them. */
function manyRows(view: Partial<EscalationsView>): EscalationsView {
  return {
    title: 'Actions escalated to you',
    intro: 'Silent actions.',
    assignForms: false,
    rows: Array.from({ length: 40 }, (_, index) => ({
      actionId: `${1 + (index % 8)}.${1 + Math.floor(index / 8)}`,
      title: 'Co-ordinated multi-agency response to neglect across every partner agency '.repeat(2),
      owner: 'Olive Owner',
      silence: 'no update for 30 days',
      reminders: '1 reminder sent, on 30 November 2026',
      target: 'target 31 March 2027',
    })),
    ...view,
  };
}

describe('escalations card', () => {
  it('tells the business manager to say "show escalations" for the rows that do not fit', () => {
    const card = buildEscalationsCard(manyRows({ assignForms: true }));
    assert.match(cardText(card), /more actions: say "show escalations" to see every one/);
    assert.ok(actionsOf(card).some((button) => button.verb === 'assignOwner'));
  });

  it("a lead's card has no forms and points to who can see every one", () => {
    const card = buildEscalationsCard(
      manyRows({ seeEvery: 'Beth Manager can see every one with "show escalations".' }),
    );
    const text = cardText(card);
    assert.match(text, /more actions: Beth Manager can see every one/);
    assert.doesNotMatch(text, /say "show escalations"/);
    assert.ok(!actionsOf(card).some((button) => button.verb === 'assignOwner'));
  });
});
