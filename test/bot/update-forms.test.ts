import { strict as assert } from 'node:assert';
import { buildMyActionsCard } from '../../cards';
import { myActionsView } from '../../views/action-views';
import {
  channelConversation,
  personalConversation,
  type TestUser,
} from '../../scripts/support/teams-activities';
import { actionsOf, cardText, inputsOf, type Card } from '../../scripts/support/card-content';
import { updateActivityCall } from '../support/recording-connector';
import { press, say as sayTo, startBoardBot } from '../support/board-bot';
import { chair, owner } from '../support/people';
import type { TestBot } from '../support/test-bot';

describe('update forms keep what was typed, and "Saved" means saved (real server, Azurite, recording connector)', () => {
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startBoardBot({ admins: [chair], owners: { '2.1': owner, '4.3': owner, '5.1': owner } });
  });
  afterEach(async () => bot.stop());

  const history = async (actionId: string) => bot.bot.stores.statusService.history(actionId, 1000);
  const current = async (actionId: string) => bot.bot.stores.statusService.currentStatus(actionId);
  const say = async (user: TestUser, text: string): Promise<Card> => sayTo(bot, user, text);
  const execute = async (user: TestUser, data: unknown, conversation = personalConversation(user)) =>
    press(bot, user, 'updateStatus', data, conversation);

  function inputValue(card: Card, id: string): unknown {
    return inputsOf(card).find((input) => input.id === id)?.value;
  }

  async function formData(user: TestUser, actionId: string): Promise<Record<string, unknown>> {
    const card = await say(user, `show action ${actionId}`);
    const submit = actionsOf(card).find((action) => action.verb === 'updateStatus');
    assert.ok(submit?.data);
    return submit.data;
  }

  describe('a rejected submit comes back as the same form, with the choice, the words and the reason', () => {
    const cases: [string, string, string, RegExp][] = [
      ['red with no note', 'red', '', /Not saved: A note is needed for red and amber/],
      ['amber with only spaces', 'amber', '   \n ', /A note is needed/],
      ['amber with only invisible characters', 'amber', '\u200b\u3164\u2800\u115f\u2060', /A note is needed/],
      ['red with only a right-to-left override', 'red', '\u202e', /A note is needed/],
      [
        'a note of 1,001 characters',
        'green',
        'y'.repeat(1001),
        /at most 1,000 characters; this one has 1,001/,
      ],
      ['a note with a broken character', 'amber', 'Audit \ud800 late', /broken character/],
    ];
    for (const [name, rag, note, problem] of cases) {
      it(name, async () => {
        const data = await formData(owner, '5.1');
        const before = await history('5.1');
        const card = await execute(owner, { ...data, rag, note });
        assert.match(cardText(card), problem);
        assert.equal(inputValue(card, 'rag'), rag, 'the chosen status is still chosen');
        // A note of nothing but spaces comes back as an empty box.
        assert.equal(inputValue(card, 'note') ?? '', note.trim() === '' ? '' : note, 'the note is as typed');
        assert.ok(
          actionsOf(card).some((action) => action.verb === 'updateStatus'),
          'the form can be sent again',
        );
        assert.deepEqual(await history('5.1'), before, 'nothing stored');
      });
    }
  });

  describe('the personal-data check reads the same text on both paths, and the card path keeps the form', () => {
    const notes: [string, string][] = [
      ['an NHS number with no-break spaces', 'Seen, NHS 943\u00a0476\u00a05919'],
      ['an NHS number with dots', 'Seen, NHS 943.476.5919'],
      ['an NHS number in full-width digits', 'Seen, NHS ９４３ ４７６ ５９１９'],
      ['a postcode with a no-break space', 'Family moved to OX4\u00a02SH'],
    ];
    for (const [name, note] of notes) {
      it(`typed: ${name} is checked before it is stored`, async () => {
        const before = await history('5.1');
        const card = await say(owner, `update 5.1 amber ${note}`);
        assert.match(cardText(card), /Check this note before it is saved/);
        assert.deepEqual(await history('5.1'), before);
      });

      it(`card: ${name} is checked, the form keeps the note, and "Store as written" stores it`, async () => {
        const data = await formData(owner, '5.1');
        const before = await history('5.1');
        const card = await execute(owner, { ...data, rag: 'amber', note });
        assert.match(cardText(card), /seems to contain (an NHS number|a full postcode)/);
        assert.equal(inputValue(card, 'note'), note);
        assert.equal(inputValue(card, 'rag'), 'amber');
        assert.deepEqual(await history('5.1'), before, 'nothing stored until confirmed');
        const store = actionsOf(card).find((action) => action.title === 'Store as written');
        assert.ok(store?.data);
        const saved = await execute(owner, store.data);
        assert.match(cardText(saved), /Saved: .* → Amber/);
        assert.equal((await current('5.1')).note, note);
      });
    }
  });

  it('a conflict keeps the choice and the words', async () => {
    const data = await formData(owner, '5.1');
    await say(chair, 'update 5.1 red Escalated at board');
    const card = await execute(owner, { ...data, rag: 'green', note: 'All good again' });
    assert.match(cardText(card), /changed to Red by Chris Chair .*submit anyway\?/);
    assert.equal(inputValue(card, 'rag'), 'green');
    assert.equal(inputValue(card, 'note'), 'All good again');
  });

  describe('my actions and reminders', () => {
    async function myActionsForm(card: Card, actionId: string) {
      const submit = actionsOf(card).find(
        (action) => action.verb === 'updateStatus' && action.data?.actionId === actionId,
      );
      assert.ok(submit?.data);
      return submit.data;
    }

    it('a rejected save from "my actions" keeps the whole list and that form’s input', async () => {
      const list = await say(owner, 'my actions');
      const before = await history('4.3');
      const card = await execute(owner, {
        ...(await myActionsForm(list, '4.3')),
        'rag-4.3': 'red',
        'note-4.3': '',
      });
      const text = cardText(card);
      assert.match(text, /My actions/);
      for (const id of ['2.1', '4.3', '5.1']) assert.match(text, new RegExp(`${id.replace('.', '\\.')} `));
      assert.match(text, /Not saved: A note is needed/);
      assert.equal(inputValue(card, 'rag-4.3'), 'red');
      assert.equal(inputsOf(card).filter((input) => String(input.id).startsWith('rag-')).length, 3);
      assert.deepEqual(await history('4.3'), before);
    });

    it('a save from "my actions" refreshes that entry in place and keeps the rest', async () => {
      const list = await say(owner, 'my actions');
      const card = await execute(owner, {
        ...(await myActionsForm(list, '4.3')),
        'rag-4.3': 'green',
        'note-4.3': 'Training dates set',
      });
      const text = cardText(card);
      assert.match(text, /My actions/);
      assert.match(text, /Saved: Not started → Green/);
      assert.match(text, /Training dates set/);
      assert.equal(inputsOf(card).filter((input) => String(input.id).startsWith('rag-')).length, 3);
      assert.equal((await current('4.3')).note, 'Training dates set');
    });

    it('a save from a reminder keeps the reminder’s other actions, and only those', async () => {
      const { stores, plan } = bot.bot;
      const statuses = await stores.statusService.currentStatuses();
      const view = myActionsView(
        plan,
        owner.name,
        owner.email,
        statuses,
        { now: new Date(), timeZone: 'Europe/London' },
        {
          withForms: true,
          only: new Set(['2.1', '5.1']),
          intro: 'These actions have had no update for 14 days or more.',
        },
      );
      const reminder = buildMyActionsCard(view) as Card;
      const card = await execute(owner, {
        ...(await myActionsForm(reminder, '2.1')),
        'rag-2.1': 'amber',
        'note-2.1': 'Waiting on the audit',
      });
      const text = cardText(card);
      assert.match(text, /Saved: Not started → Amber/);
      assert.match(text, /5\.1 /);
      assert.doesNotMatch(text, /4\.3 /, 'not the actions the reminder did not list');
      assert.equal((await current('2.1')).note, 'Waiting on the audit');
    });
  });

  describe('once saved, a failed channel card refresh is a line under "Saved", never an error', () => {
    const failures: [string, { status: number } | 'never answers'][] = [
      ['403', { status: 403 }],
      ['404', { status: 404 }],
      ['500', { status: 500 }],
      ['no answer at all', 'never answers'],
    ];
    for (const [name, failure] of failures) {
      it(`the shared card update answers ${name}`, async () => {
        // For ever: the connector client retries a 500 by itself.
        if (failure === 'never answers') bot.connector.neverAnswer(updateActivityCall);
        else bot.connector.failNext({ match: updateActivityCall, times: Infinity, ...failure });
        const before = await current('5.1');
        const started = Date.now();
        const card = await execute(
          owner,
          { actionId: '5.1', baseVersion: before.version, rag: 'amber', note: `Shared card ${name}` },
          channelConversation(),
        );
        const elapsed = Date.now() - started;
        assert.match(
          cardText(card),
          /Saved: .* → Amber\. The card in the conversation could not be refreshed/,
        );
        const after = await current('5.1');
        assert.equal(after.version, before.version + 1, 'stored once');
        assert.equal(after.note, `Shared card ${name}`);
        assert.ok(bot.connector.calls.filter(updateActivityCall).length >= 1, 'the refresh was attempted');
        // Generous: the refresh gives up after 2 s, well inside the time Teams waits for the answer.
        assert.ok(elapsed < 8000, `${elapsed} ms`);
      });
    }

    it('when the shared card updates, "Saved" has no such line', async () => {
      await say(owner, 'update 5.1 amber Slipping');
      const before = await current('5.1');
      const card = await execute(
        owner,
        { actionId: '5.1', baseVersion: before.version, rag: 'green', note: 'Shared card fine' },
        channelConversation(),
      );
      assert.match(cardText(card), /Saved: Amber → Green\./);
      assert.doesNotMatch(cardText(card), /could not be refreshed/);
    });
  });
});
