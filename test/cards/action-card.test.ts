import { strict as assert } from 'node:assert';
import { buildActionCard, EXECUTE_VERB, refreshActionPayload } from '../../cards';
import type { ActionView } from '../../views/view-models';
import { buttons, buttonTitled, ofType, visibleText } from './card-walk';
import * as fixtures from './fixtures';

const REMINDER =
  'Do not include names, dates of birth, addresses or anything else that could identify a child or family.';

describe('action card', () => {
  describe('the update form', () => {
    it('is there only when the view has a form', () => {
      const readOnly = buildActionCard({ ...fixtures.fullAction, form: undefined });
      assert.equal(ofType(readOnly, 'Input.ChoiceSet').length, 0);
      assert.equal(ofType(readOnly, 'Input.Text').length, 0);
      assert.equal(buttons(readOnly).filter((button) => button.type === 'Action.Execute').length, 0);
      assert.ok(!visibleText(readOnly).includes(REMINDER));
    });

    it('asks for a RAG status and a note, with the reminder, and sends them with updateStatus', () => {
      const card = buildActionCard(fixtures.fullAction);
      const [rag] = ofType(card, 'Input.ChoiceSet');
      assert.equal(rag.id, 'rag');
      assert.equal(rag.style, 'compact');
      assert.equal(rag.value, 'amber');
      assert.equal(rag.isRequired, true);
      const [note] = ofType(card, 'Input.Text');
      assert.equal(note.id, 'note');
      assert.equal(note.isMultiline, true);
      assert.equal(note.maxLength, 1000);
      assert.equal(note.value, 'Draft');
      assert.ok(typeof note.placeholder === 'string' && note.placeholder.length > 0);
      assert.ok(visibleText(card).includes(REMINDER));
      const save = buttonTitled(card, 'Save update');
      assert.equal(save.type, 'Action.Execute');
      assert.equal(save.verb, EXECUTE_VERB.updateStatus);
      assert.deepEqual(save.data, { actionId: '5.1', baseVersion: 7 });
    });

    it('preselects nothing for "not started" or no selection, and leaves the note empty with no draft', () => {
      for (const selectedRag of [undefined, 'not_started'] as const) {
        const card = buildActionCard({
          ...fixtures.fullAction,
          form: { baseVersion: 0, selectedRag, submitLabel: 'Save update' },
        });
        assert.ok(!('value' in ofType(card, 'Input.ChoiceSet')[0]));
        assert.ok(!('value' in ofType(card, 'Input.Text')[0]));
      }
    });

    it('keeps the typed note out of navigation buttons', () => {
      const card = buildActionCard(fixtures.fullAction);
      for (const button of buttons(card).filter((candidate) => candidate.type === 'Action.Submit')) {
        assert.equal(button.associatedInputs, 'none', String(button.title));
      }
    });
  });

  describe('refresh', () => {
    const withIds = (refreshUserIds: string[] | undefined): ActionView => ({
      ...fixtures.fullAction,
      refreshUserIds,
    });

    it('is left off when the view has no refresh user ids', () => {
      assert.ok(!('refresh' in buildActionCard(withIds(undefined))));
    });

    it('has no userIds when the list is empty (a personal chat)', () => {
      const refresh = buildActionCard(withIds([])).refresh as Record<string, unknown>;
      assert.deepEqual(refresh, {
        action: { type: 'Action.Execute', verb: EXECUTE_VERB.refreshAction, data: { actionId: '5.1' } },
      });
    });

    it('lists the user ids otherwise, with a refreshAction payload', () => {
      const refresh = buildActionCard(withIds(['29:a', '29:b'])).refresh as {
        action: { verb: string; data: unknown };
        userIds: string[];
      };
      assert.deepEqual(refresh.userIds, ['29:a', '29:b']);
      assert.equal(refresh.action.verb, EXECUTE_VERB.refreshAction);
      assert.deepEqual(refreshActionPayload.parse(refresh.action.data), { actionId: '5.1' });
    });
  });

  describe('status', () => {
    it('says "No owner yet" and "Not updated yet" when there is neither', () => {
      const text = visibleText(buildActionCard(fixtures.minimalAction));
      assert.ok(text.includes('No owner yet'));
      assert.ok(text.includes('Not updated yet'));
    });

    it('says who updated it and when', () => {
      const text = visibleText(buildActionCard(fixtures.fullAction)).replace(/\n/g, '');
      assert.ok(text.includes('Updated 3 days ago (Mon 23 Nov 2026, 14:05) by Jane Smith'), text);
      assert.ok(text.includes('Owner: Jane Smith'), text);
    });

    it('shows the notice in its tone', () => {
      const card = buildActionCard({
        ...fixtures.fullAction,
        notice: { tone: 'attention', text: 'Someone else saved first' },
      });
      const container = ofType(card, 'Container').find((candidate) =>
        JSON.stringify(candidate).includes('Someone else saved first'),
      );
      assert.equal(container?.style, 'attention');
    });
  });
});
