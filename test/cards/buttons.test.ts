import { strict as assert } from 'node:assert';
import * as cards from '../../cards';
import {
  readAssignOwnerPayload,
  EXECUTE_VERB,
  SUBMIT_VERB,
  offerBoardPackFilePayload,
  openFormPayload,
  readRedactChangePayload,
  readUpdateStatusPayload,
  refreshActionPayload,
  runCommandPayload,
  updateStatusPayload,
} from '../../cards';
import type { AdaptiveCardJson } from '../../cards';
import { CASES } from './builders';
import { buttons, buttonTitled, ofType, visibleText } from './card-walk';
import * as fixtures from './fixtures';

/** What a person might type into the card's inputs, by input id (my-actions ids end in "-<action id>"). */
const SAMPLE_INPUTS: Record<string, unknown> = {
  rag: 'green',
  note: 'Audit finished.',
  reason: 'Named a child',
};

/** The payload Teams sends: the button's data, plus the card's inputs unless the button opts out. */
function payload(card: AdaptiveCardJson, button: Record<string, unknown>): unknown {
  if (button.associatedInputs === 'none') return button.data;
  const inputs = [...ofType(card, 'Input.Text'), ...ofType(card, 'Input.ChoiceSet')].map((input) => [
    String(input.id),
    SAMPLE_INPUTS[String(input.id).replace(/-.*$/, '')],
  ]);
  return { ...(button.data as object), ...Object.fromEntries(inputs) };
}

function commandOf(card: AdaptiveCardJson, title: string): string {
  return runCommandPayload.parse(buttonTitled(card, title).data).command;
}

describe('buttons', () => {
  for (const { card: name, sample, build } of CASES) {
    it(`${name} card, ${sample}: every payload passes the bot’s schema`, () => {
      const card = build();
      for (const button of buttons(card)) {
        if (button.type === 'Action.ShowCard') continue;
        if (button.type === 'Action.OpenUrl') {
          // Only evidence links open a page, and only https ones ever reach a card.
          assert.match(String(button.url), /^https:\/\/\S+$/);
          assert.equal(button.title, 'Open the evidence');
          continue;
        }
        if (
          button.type === 'Action.Submit' &&
          (button.data as { verb?: unknown }).verb === SUBMIT_VERB.redactChange
        ) {
          const read = readRedactChangePayload(payload(card, button));
          assert.ok(read.success && read.data.reason !== '', JSON.stringify(button.data));
        } else if (
          button.type === 'Action.Submit' &&
          (button.data as { verb?: unknown }).verb === SUBMIT_VERB.offerBoardPackFile
        ) {
          offerBoardPackFilePayload.parse(payload(card, button));
        } else if (button.type === 'Action.Submit') {
          assert.equal((button.data as { verb?: unknown }).verb, SUBMIT_VERB.runCommand);
          runCommandPayload.parse(payload(card, button));
        } else if (button.verb === EXECUTE_VERB.openForm) {
          assert.equal(button.type, 'Action.Execute');
          assert.equal(button.associatedInputs, 'none', 'opening a form sends nothing typed elsewhere');
          openFormPayload.parse(payload(card, button));
        } else if (button.verb === EXECUTE_VERB.assignOwner) {
          // Sends the typed address, checked like `assign` by the bot: the button alone changes nothing.
          assert.equal(button.type, 'Action.Execute');
          const read = readAssignOwnerPayload(payload(card, button));
          assert.ok(read.success && read.data.list.includes(read.data.actionId), JSON.stringify(button.data));
        } else {
          assert.equal(button.type, 'Action.Execute');
          assert.equal(button.verb, EXECUTE_VERB.updateStatus);
          assert.ok(readUpdateStatusPayload(payload(card, button)).success, 'a readable payload');
        }
      }
      const refresh = card.refresh as { action: { verb: string; data: unknown } } | undefined;
      if (refresh) {
        assert.equal(refresh.action.verb, EXECUTE_VERB.refreshAction);
        refreshActionPayload.parse(refresh.action.data);
      }
    });
  }

  it('plan card: a "Show priority N" per priority, plus my actions and help', () => {
    const card = cards.buildPlanCard(fixtures.fullPlan());
    for (let priority = 1; priority <= 8; priority++) {
      assert.equal(commandOf(card, `Show priority ${priority}`), `show priority ${priority}`);
    }
    assert.equal(commandOf(card, 'My actions'), 'my actions');
    assert.equal(commandOf(card, 'Help'), 'help');
  });

  it('aim card: a "Show priority N" per priority and "Show plan"', () => {
    const card = cards.buildAimCard(fixtures.fullAim());
    assert.equal(commandOf(card, 'Show priority 5'), 'show priority 5');
    assert.equal(commandOf(card, 'Show plan'), 'show plan');
  });

  it('priority card: "Open 5.1" per action, its aim and the plan', () => {
    const card = cards.buildPriorityCard(fixtures.fullPriority);
    for (const id of ['5.1', '5.2', '5.3', '5.4', '5.5']) {
      assert.equal(commandOf(card, `Open ${id}`), `show action ${id}`);
    }
    assert.equal(commandOf(card, 'Show aim 2'), 'show aim 2');
    assert.equal(commandOf(card, 'Show plan'), 'show plan');
  });

  it('action card: "History" and "Show priority 5"', () => {
    const card = cards.buildActionCard(fixtures.fullAction);
    assert.equal(commandOf(card, 'History'), 'history 5.1');
    assert.equal(commandOf(card, 'Show priority 5'), 'show priority 5');
  });

  it('my actions and history cards open the action', () => {
    assert.equal(commandOf(cards.buildMyActionsCard(fixtures.fullMyActions), 'Open 2.3'), 'show action 2.3');
    assert.equal(commandOf(cards.buildHistoryCard(fixtures.fullHistory), 'Open 5.1'), 'show action 5.1');
  });

  it('notice card: a button per suggestion, at most five', () => {
    const card = cards.buildNoticeCard(fixtures.didYouMean);
    assert.deepEqual(
      buttons(card).map((button) => runCommandPayload.parse(button.data).command),
      ['show priority 1', 'show priority 2', 'show priority 3', 'show priority 4', 'show priority 5'],
    );
    assert.equal(buttons(cards.buildNoticeCard(fixtures.plainNotice)).length, 0);
  });

  it('a failed board-pack upload offers the same file again, and only offers it', () => {
    const [offer] = buttons(cards.buildNoticeCard(fixtures.uploadFailedNotice));
    assert.equal(offer.type, 'Action.Submit');
    assert.deepEqual(offerBoardPackFilePayload.parse(offer.data), {
      verb: SUBMIT_VERB.offerBoardPackFile,
      params: { asAt: '2026-12-02', from: '2026-09-01', to: '2026-12-02' },
      format: 'docx',
    });
  });

  describe('a notice about an update that was not saved', () => {
    const card = cards.buildNoticeCard(fixtures.unsavedUpdate);

    it('shows examples as text, never as buttons', () => {
      const titles = buttons(card).map((button) => String(button.title));
      for (const example of fixtures.unsavedUpdate.examples ?? []) {
        assert.ok(visibleText(card).includes(example));
        assert.ok(!titles.includes(example));
      }
      for (const button of buttons(card)) {
        const data = button.data as { command?: string };
        if (button.type === 'Action.Submit') assert.doesNotMatch(String(data.command), /^(update|assign)\b/);
      }
    });

    it('"Open the form for 5.1" carries only what was typed, and stores nothing itself', () => {
      const open = buttonTitled(card, 'Open the form for 5.1');
      assert.equal(open.type, 'Action.Execute');
      assert.equal(open.verb, EXECUTE_VERB.openForm);
      assert.deepEqual(openFormPayload.parse(open.data), {
        actionId: '5.1',
        rag: 'amber',
        note: 'Waiting on Health',
      });
    });
  });

  describe('the action form after the personal-data check', () => {
    const card = cards.buildActionCard(fixtures.checkedAction);
    const form = fixtures.checkedAction.form;

    it('"Store as written" stores the checked note, confirmed, whatever is in the box', () => {
      const store = buttonTitled(card, 'Store as written');
      assert.equal(store.associatedInputs, 'none');
      assert.deepEqual(updateStatusPayload.parse(store.data), {
        actionId: fixtures.checkedAction.id,
        baseVersion: form?.baseVersion,
        rag: form?.selectedRag,
        note: form?.check?.note,
        impact: form?.check?.impact ?? '',
        evidenceLink: form?.check?.evidenceUrl ?? '',
        correctiveAction: form?.check?.correctiveAction ?? '',
        confirmPersonalData: true,
      });
    });

    it('the form keeps the typed note and saving it checks it again', () => {
      const note = ofType(card, 'Input.Text').find((input) => input.id === 'note');
      assert.equal(note?.value, form?.draftNote);
      const save = buttonTitled(card, 'Save my rephrased note');
      assert.equal(updateStatusPayload.parse(payload(card, save)).confirmPersonalData, undefined);
    });
  });

  it('after the check with every text at its limit, "Store as written" still carries every checked text', () => {
    const card = cards.buildActionCard(fixtures.checkedEverythingAction);
    const check = fixtures.checkedEverythingAction.form?.check;
    const stored = updateStatusPayload.parse(buttonTitled(card, 'Store as written').data);
    assert.equal(stored.note, check?.note);
    assert.equal(stored.impact, check?.impact);
    assert.equal(stored.evidenceLink, check?.evidenceUrl);
    assert.equal(stored.correctiveAction, check?.correctiveAction);
    assert.equal(stored.confirmPersonalData, true);
  });

  it('the action form has a box for each detail, filled with the draft', () => {
    const card = cards.buildActionCard(fixtures.fullAction);
    const value = (id: string) => ofType(card, 'Input.Text').find((input) => input.id === id)?.value;
    assert.equal(value('impact'), fixtures.fullAction.form?.draftImpact);
    assert.equal(value('evidenceLink'), fixtures.fullAction.form?.draftEvidenceLink);
    assert.equal(value('correctiveAction'), fixtures.fullAction.form?.draftCorrectiveAction);
    const open = buttonTitled(card, 'Open the evidence');
    assert.equal(open.type, 'Action.OpenUrl');
    assert.equal(open.url, fixtures.fullAction.status.evidenceUrl);
  });

  it('an evidence link that is not https never becomes a button', () => {
    for (const evidenceUrl of ['http://example.org/a', 'javascript:alert(1)', 'https://a b']) {
      const card = cards.buildActionCard({
        ...fixtures.fullAction,
        status: { ...fixtures.fullAction.status, evidenceUrl },
      });
      assert.ok(!JSON.stringify(card).includes('Action.OpenUrl'), evidenceUrl);
    }
  });

  it('my-actions forms name each detail box per action, and read back into the payload', () => {
    const card = cards.buildMyActionsCard(fixtures.checkedMyActions);
    const ids = ofType(card, 'Input.Text').map((input) => String(input.id));
    for (const id of ['note-1.1', 'impact-1.1', 'evidence-1.1', 'corrective-1.1'])
      assert.ok(ids.includes(id), id);
    const parsed = readUpdateStatusPayload({
      actionId: '1.1',
      baseVersion: 3,
      'rag-1.1': 'red',
      'note-1.1': 'n',
      'impact-1.1': 'i',
      'evidence-1.1': 'https://example.org/e',
      'corrective-1.1': 'c',
    });
    assert.ok(parsed.success);
    assert.deepEqual(
      [parsed.data.note, parsed.data.impact, parsed.data.evidenceLink, parsed.data.correctiveAction],
      ['n', 'i', 'https://example.org/e', 'c'],
    );
  });

  it('a my-actions form names its list, so a submit is answered with the same list', () => {
    const card = cards.buildMyActionsCard(fixtures.checkedMyActions);
    const save = buttonTitled(card, 'Save my rephrased note');
    const parsed = readUpdateStatusPayload(payload(card, save));
    assert.ok(parsed.success);
    assert.deepEqual(parsed.data.list, ['5.1', '2.3']);
    assert.equal(parsed.data.note, 'Audit finished.');
  });

  describe('personal-data check card', () => {
    const view = fixtures.personalDataCheck;
    const card = cards.buildPersonalDataCheckCard(view);

    it('"Store as written" sends the checked note, confirmed, whatever is typed in the box', () => {
      const store = buttonTitled(card, 'Store as written');
      assert.equal(store.type, 'Action.Execute');
      assert.equal(store.verb, EXECUTE_VERB.updateStatus);
      assert.equal(store.associatedInputs, 'none');
      assert.deepEqual(updateStatusPayload.parse(payload(card, store)), {
        actionId: view.actionId,
        baseVersion: view.baseVersion,
        rag: view.rag,
        note: view.note,
        impact: '',
        evidenceLink: '',
        correctiveAction: '',
        typed: true,
        confirmPersonalData: true,
      });
    });

    it('"Save my rephrased note" sends the edited note, unconfirmed, so it is checked again', () => {
      const rephrase = buttonTitled(card, 'Save my rephrased note');
      assert.equal(rephrase.verb, EXECUTE_VERB.updateStatus);
      const [input] = ofType(card, 'Input.Text');
      assert.equal(input.id, 'note');
      assert.equal(input.value, view.note);
      assert.deepEqual(updateStatusPayload.parse(payload(card, rephrase)), {
        actionId: view.actionId,
        baseVersion: view.baseVersion,
        rag: view.rag,
        note: SAMPLE_INPUTS.note,
        impact: '',
        evidenceLink: '',
        correctiveAction: '',
        typed: true,
      });
    });

    it('says what was found', () => {
      assert.match(JSON.stringify(card), /This note seems to contain .*an NHS number and a full postcode/);
    });
  });
});
