import { strict as assert } from 'node:assert';
import { changesRecord, parseCommand } from '../../domain/commands';
import {
  channelConversation,
  channelMention,
  executeAction,
  personalConversation,
  personalMessage,
  submitAction,
  type TestUser,
} from '../../scripts/support/teams-activities';
import { actionsOf, cardText, cardsOf, inputsOf, type Card } from '../../scripts/support/card-content';
import { startBoardBot } from '../support/board-bot';
import { chair, owner } from '../support/people';
import type { TestBot } from '../support/test-bot';

/** What new users and testers type that the bot cannot act on as it stands. */
const BAD_INPUTS = [
  'assign 5.1 to Jane Smith',
  'assign 5.1 to jane',
  'assign 5.1',
  'assign',
  'assign Jane to 5.1',
  'asign 5.1 to jane.smith@agency.example',
  'update 5.1 amber',
  'update 5.1 red',
  'update 5.1 red   \u200b\u3164\u2800',
  'update 2.1 purple',
  'update 2.1 purple all fine',
  'update 5.1 ambr late report',
  `update 5.1 amber ${'x'.repeat(1001)}`,
  'update 5.1 not started',
  'update 5.1',
  'update',
  'update amber late',
  'update 9.9 red problem',
  'updte 5.1 amber all good',
  'upadte 5.1 green',
  'post digset',
  'set bord channel',
  'preveiw digest',
  'shwo priority 5',
  'show aim',
  'show',
  'show action',
  'action 5',
  'histroy 5.1',
  'history',
  'my acions',
  'xyzzy',
  'neglect',
  'show priority 99',
  'show action 5.9',
];

/** Buttons older versions put on cards, which may still be in people's chats. */
const OLD_BUTTONS = [
  'assign 5.1 to jane.smith@agency.example',
  'update 5.1 amber what is wrong and what is being done',
  'update 2.1 amber Waiting for the audit report',
  'post digest',
  'set board channel',
];

describe('every button on every error reply stores nothing (real server, Azurite, recording connector)', () => {
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startBoardBot({ admins: [chair], owners: { '5.1': owner, '2.1': owner } });
  });
  afterEach(async () => bot.stop());

  /** Every action's current status and full history. */
  async function record(): Promise<unknown> {
    const { plan } = bot.bot;
    const { statusService } = bot.bot.stores;
    const ids = plan.priorities.flatMap((priority) => priority.actions.map((action) => action.id));
    return Promise.all(
      ids.map(async (id) => [await statusService.currentStatus(id), await statusService.history(id, 1000)]),
    );
  }

  /** The cards the bot answered an activity with: its messages, or the invoke response's card. */
  async function answer(activity: Record<string, unknown>): Promise<Card[]> {
    const sentBefore = bot.connector.sentActivities().length;
    const response = await bot.send(activity);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const invokeCard = (response.body as { value?: Card } | undefined)?.value;
    if (activity.type === 'invoke') return invokeCard && typeof invokeCard === 'object' ? [invokeCard] : [];
    return bot.connector.sentActivities().slice(sentBefore).flatMap(cardsOf);
  }

  /** Presses a button as Teams would with nothing typed into the card: only the button's own data. */
  function press(
    user: TestUser,
    button: ReturnType<typeof actionsOf>[number],
    conversation: Record<string, unknown>,
  ) {
    return button.type === 'Action.Execute'
      ? answer(executeAction(bot.serviceUrl, user, String(button.verb), button.data ?? {}, conversation))
      : answer(submitAction(bot.serviceUrl, user, button.data ?? {}, conversation));
  }

  it('no error reply offers a one-click change, and no button carries words nobody typed', async () => {
    for (const user of [owner, chair]) {
      for (const text of BAD_INPUTS) {
        for (const card of await answer(personalMessage(bot.serviceUrl, user, text))) {
          for (const button of actionsOf(card)) {
            const command = (button.data as { command?: unknown } | undefined)?.command;
            if (typeof command === 'string') {
              assert.ok(!changesRecord(parseCommand(command, bot.bot.plan)), `"${text}" offers "${command}"`);
            }
            const carried = JSON.stringify(button.data ?? {});
            for (const invented of ['jane.smith@agency.example', 'what is being done', 'audit report']) {
              if (!text.includes(invented))
                assert.ok(!carried.includes(invented), `"${text}" offers ${carried}`);
            }
          }
        }
      }
    }
  });

  it('pressing every button, and every button on what each press brings back, changes nothing', async function () {
    this.timeout(240_000);
    const before = await record();
    let pressed = 0;
    /** Each distinct button once per conversation: "help" and "show plan" are on most cards. */
    const pressOnce = async (
      user: TestUser,
      button: ReturnType<typeof actionsOf>[number],
      conversation: Record<string, unknown>,
      seen: Set<string>,
    ) => {
      const key = JSON.stringify([button.type, button.verb, button.data]);
      if (seen.has(key)) return [];
      seen.add(key);
      pressed += 1;
      return press(user, button, conversation);
    };
    const conversations = [
      {
        user: owner,
        conversation: personalConversation(owner),
        say: (text: string) => personalMessage(bot.serviceUrl, owner, text),
      },
      {
        user: chair,
        conversation: personalConversation(chair),
        say: (text: string) => personalMessage(bot.serviceUrl, chair, text),
      },
      {
        user: chair,
        conversation: channelConversation(),
        say: (text: string) => channelMention(bot.serviceUrl, chair, text),
      },
    ];
    for (const { user, conversation, say } of conversations) {
      const seen = new Set<string>();
      const replies: Card[] = [];
      for (const text of BAD_INPUTS) replies.push(...(await answer(say(text))));
      for (const command of OLD_BUTTONS) {
        const data = { verb: 'runCommand', command };
        replies.push(...(await answer(submitAction(bot.serviceUrl, user, data, conversation))));
      }
      for (const reply of replies) {
        for (const button of actionsOf(reply)) {
          for (const next of await pressOnce(user, button, conversation, seen)) {
            for (const second of actionsOf(next)) await pressOnce(user, second, conversation, seen);
          }
        }
      }
    }
    assert.ok(pressed > 60, `${pressed} distinct buttons pressed`);
    assert.deepEqual(await record(), before, 'nothing stored');
    const proactive = bot.connector.calls.filter(
      (call) => call.method === 'POST' && call.path === '/v3/conversations',
    );
    assert.equal(proactive.length, 0, 'nothing posted to a channel or person');
  });

  it('an old card’s button that would change the record is not run, and says so', async () => {
    const before = await record();
    for (const command of OLD_BUTTONS) {
      const [card] = await answer(
        submitAction(bot.serviceUrl, chair, { verb: 'runCommand', command }, personalConversation(chair)),
      );
      assert.match(cardText(card), /Nothing was changed.*Buttons only show things/s, command);
    }
    assert.deepEqual(await record(), before);
  });

  it('"update 5.1 amber" with no note offers the form for 5.1 filled in with what was typed', async () => {
    const [notice] = await answer(personalMessage(bot.serviceUrl, owner, 'update 5.1 amber'));
    assert.match(cardText(notice), /A note is needed for red and amber/);
    const open = actionsOf(notice).find((button) => button.verb === 'openForm');
    assert.deepEqual(open?.data, { actionId: '5.1', rag: 'amber' });
    const [form] = await press(owner, open!, personalConversation(owner));
    const rag = inputsOf(form).find((input) => input.id === 'rag');
    assert.equal(rag?.value, 'amber', 'their choice is on the form');
  });

  it('"update 2.1 purple all fine" offers the form with their note and no status chosen for them', async () => {
    const [notice] = await answer(personalMessage(bot.serviceUrl, owner, 'update 2.1 purple all fine'));
    assert.match(cardText(notice), /"purple" is not a status/);
    assert.match(cardText(notice), /For example: \nupdate 2\.1 amber all fine/);
    const open = actionsOf(notice).find((button) => button.verb === 'openForm');
    assert.deepEqual(open?.data, { actionId: '2.1', note: 'all fine' });
  });

  it('"assign 5.1 to Jane Smith" shows the example as text with a placeholder, and no button that assigns', async () => {
    const [notice] = await answer(personalMessage(bot.serviceUrl, chair, 'assign 5.1 to Jane Smith'));
    assert.match(cardText(notice), /does not look like an email address/);
    assert.match(cardText(notice), /assign 5\.1 to <their email address>/);
    assert.equal(
      actionsOf(notice).filter((button) => /assign/.test(JSON.stringify(button.data ?? {}))).length,
      0,
    );
  });

  it('"updte 5.1 amber all good" keeps the words and opens the form rather than saving in one click', async () => {
    const [notice] = await answer(personalMessage(bot.serviceUrl, owner, 'updte 5.1 amber all good'));
    const open = actionsOf(notice).find((button) => button.verb === 'openForm');
    assert.deepEqual(open?.data, { actionId: '5.1', rag: 'amber', note: 'all good' });
    assert.ok(actionsOf(notice).every((button) => !/update/.test(String(button.data?.command ?? ''))));
  });
});
