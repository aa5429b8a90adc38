import { strict as assert } from 'node:assert';
import * as cards from '../../cards';
import { CARD_BYTE_BUDGET, cardBytes } from '../../cards';
import { truncate } from '../../cards/text';
import { ofType, visibleText } from './card-walk';
import { TEAMS_CARD_BYTE_LIMIT } from './card-validation';
import * as fixtures from './fixtures';

describe('card size', () => {
  it('the budget leaves room under Teams’ limit', () => {
    assert.ok(CARD_BYTE_BUDGET < TEAMS_CARD_BYTE_LIMIT);
  });

  it('a priority of 10 actions with 1,000-character notes fits, notes cut short with "…"', () => {
    const card = cards.buildPriorityCard(fixtures.worstPriority);
    assert.ok(cardBytes(card) <= CARD_BYTE_BUDGET);
    const notes = ofType(card, 'TextRun').filter((run) => String(run.text).endsWith('…'));
    assert.ok(notes.length >= 10, 'every action keeps a (shortened) note');
  });

  it('the priority card cuts notes to 300 characters', () => {
    const card = cards.buildPriorityCard(fixtures.fullPriority);
    const fullNote = String(fixtures.fullPriority.actions[2].status.note);
    const note = ofType(card, 'TextRun').find(
      (run) => String(run.text).startsWith(fullNote.slice(0, 50)) && String(run.text).endsWith('…'),
    );
    assert.ok(note);
    assert.ok(Array.from(String(note.text)).length <= 300);
    assert.ok(!JSON.stringify(card).includes(fullNote));
  });

  it('the action card shows the note in full', () => {
    const card = cards.buildActionCard(fixtures.longestNotesAction);
    assert.ok(ofType(card, 'TextRun').some((run) => run.text === fixtures.longestNotesAction.status.note));
  });

  it('my actions keeps the entry just answered in view, even at the end of a list too long to show', () => {
    const last = fixtures.worstMyActions.actions.length - 1;
    const view = {
      ...fixtures.worstMyActions,
      actions: fixtures.worstMyActions.actions.map((action, index) =>
        index === last
          ? { ...action, notice: { tone: 'good' as const, text: 'Saved: Red → Green.' } }
          : action,
      ),
    };
    const card = cards.buildMyActionsCard(view);
    assert.ok(cardBytes(card) <= CARD_BYTE_BUDGET);
    assert.match(visibleText(card), /Saved: Red → Green\./);
    assert.match(visibleText(card), /more actions not shown/);
  });

  it('my actions shows as many actions as fit and counts the rest', () => {
    const card = cards.buildMyActionsCard(fixtures.worstMyActions);
    const shown = ofType(card, 'Action.Submit').filter((button) =>
      String(button.title).startsWith('Open '),
    ).length;
    assert.ok(shown > 0 && shown < 60);
    assert.ok(visibleText(card).includes(`${60 - shown} more actions not shown`), visibleText(card));
  });

  it('history cuts long notes on a crowded page, then shows as many entries as fit and says so', () => {
    const card = cards.buildHistoryCard(fixtures.worstHistory);
    const shown = ofType(card, 'TextRun').filter((run) => run.text === '● Red').length;
    assert.ok(shown > 0 && shown < 40);
    assert.ok(visibleText(card).includes(`${40 - shown} changes on this page could not fit on one card`));
    assert.ok(visibleText(card).includes('Page 2 of 5. 10 older changes'));
  });

  it('a plan with many priorities drops their counts rather than grow too big', () => {
    const plan = fixtures.fullPlan(100);
    const many = {
      ...plan,
      aims: plan.aims.map((aim) => ({
        ...aim,
        priorities: Array.from({ length: 12 }, (_, index) => ({ ...aim.priorities[0], number: index + 1 })),
      })),
    };
    const card = cards.buildPlanCard(many);
    assert.ok(cardBytes(card) <= CARD_BYTE_BUDGET, String(cardBytes(card)));
    assert.equal(
      ofType(card, 'Action.Submit').filter((button) => String(button.title).startsWith('Show priority'))
        .length,
      36,
    );
  });
});

describe('truncate', () => {
  it('leaves short text alone', () => {
    assert.equal(truncate('short', 10), 'short');
  });

  it('cuts long text to the limit, ending in "…"', () => {
    assert.equal(truncate('abcdefghij', 5), 'abcd…');
  });

  it('does not split an emoji', () => {
    assert.equal(truncate('😀😀😀😀', 3), '😀😀…');
  });
});
