import { strict as assert } from 'node:assert';
import { lateAssignAnswer, lateSaveAnswer } from '../../app/late-answers';
import type { SaveState } from '../../app/save-watch';
import type { Answer } from '../../views/answer';

/** What a notice shows: its tone, title, the buttons it offers and whether it holds the person's words. */
function shown(answer: Answer) {
  assert.equal(answer.screen.card, 'notice');
  const view = answer.screen.view;
  return {
    tone: view.tone,
    title: view.title,
    buttons: view.suggestions.map((suggestion) => suggestion.command),
    forms: view.forms ?? [],
    summary: answer.summary,
  };
}

describe('answers to a write the store has not finished in time', () => {
  const attempt = { actionId: '5.1', rag: 'amber' as const, note: 'Audit booked' };
  const table: { state: SaveState; save: string; assign: string; tone: string; buttons: string[] }[] = [
    {
      state: 'none',
      save: 'Not saved: the plan store did not answer in time',
      assign: 'Not assigned: the plan store did not answer in time',
      tone: 'attention',
      buttons: [],
    },
    {
      state: 'sent',
      save: 'Saved or not: not known yet',
      assign: 'Assigned or not: not known yet',
      tone: 'warning',
      buttons: ['history 5.1'],
    },
    { state: 'committed', save: 'Saved', assign: 'Assigned', tone: 'good', buttons: ['show action 5.1'] },
  ];

  for (const row of table) {
    it(`${row.state}: a save says "${row.save}" and offers ${row.buttons.join(', ') || 'no button'}`, () => {
      const answer = shown(lateSaveAnswer(row.state, attempt));
      assert.deepEqual(
        { tone: answer.tone, title: answer.title, summary: answer.summary, buttons: answer.buttons },
        { tone: row.tone, title: row.save, summary: row.save, buttons: row.buttons },
      );
      // Only a save that was never sent keeps the person's words in a form, to save again.
      assert.equal(answer.forms.length, row.state === 'none' ? 1 : 0);
    });

    it(`${row.state}: an assignment says "${row.assign}" and offers ${row.buttons.join(', ') || 'no button'}`, () => {
      const answer = shown(lateAssignAnswer(row.state, '5.1'));
      assert.deepEqual(
        { tone: answer.tone, title: answer.title, buttons: answer.buttons, forms: answer.forms },
        { tone: row.tone, title: row.assign, buttons: row.buttons, forms: [] },
      );
    });
  }
});
