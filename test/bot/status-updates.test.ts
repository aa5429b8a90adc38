import { strict as assert } from 'node:assert';
import { actionsOf, cardText, inputsOf, onlyCard, type Card } from '../../scripts/support/card-content';
import {
  channelConversation,
  channelMention,
  executeAction,
  personalConversation,
  type TestUser,
} from '../../scripts/support/teams-activities';
import { say as sayTo, startBoardBot } from '../support/board-bot';
import { chair, owner, stranger } from '../support/people';
import type { TestBot } from '../support/test-bot';

interface InvokeBody {
  statusCode: number;
  type: string;
  value: Card;
}

const admins = [chair];

describe('owner assignment in conversation (real server, Azurite, recording connector)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startBoardBot({ admins, others: [owner, stranger] });
  });
  afterEach(async () => bot.stop());

  it('lets an admin assign an owner, and records who did it', async () => {
    await sayTo(bot, owner, 'help');
    const card = await sayTo(bot, chair, 'assign 5.1 to Olive.Owner@agency.example');
    assert.match(cardText(card), /olive\.owner@agency\.example/);
    const status = await bot.bot.stores.statusService.currentStatus('5.1');
    assert.equal(status.ownerEmail, 'olive.owner@agency.example');
    assert.equal(status.ownerName, 'Olive Owner', 'the name Teams gave when the owner chatted with the bot');
    const [entry] = await bot.bot.stores.statusService.history('5.1', 100);
    assert.equal(entry.kind, 'owner');
    assert.equal(entry.byEmail, chair.email);
  });
});

describe('status updates in conversation (real server, Azurite, recording connector)', () => {
  let bot: TestBot;

  // Each test gets its own bot and tables: 5.1 owned by Olive, nothing else recorded.
  beforeEach(async () => {
    bot = await startBoardBot({ admins, owners: { '5.1': owner }, others: [stranger] });
  });
  afterEach(async () => bot.stop());

  const say = async (user: TestUser, text: string): Promise<Card> => sayTo(bot, user, text);

  async function execute(
    user: TestUser,
    verb: string,
    data: unknown,
    conversation = personalConversation(user),
  ) {
    const response = await bot.send(executeAction(bot.serviceUrl, user, verb, data, conversation));
    assert.equal(response.status, 200);
    const body = response.body as InvokeBody;
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    return body.value;
  }

  const history = async (actionId: string) => bot.bot.stores.statusService.history(actionId, 100);
  const current = async (actionId: string) => bot.bot.stores.statusService.currentStatus(actionId);

  it('refuses an owner assignment from someone who is not an admin', async () => {
    const before = await history('4.1');
    const card = await say(owner, 'assign 4.1 to olive.owner@agency.example');
    assert.match(cardText(card), /admin/i);
    assert.deepEqual(await history('4.1'), before);
  });

  it('takes a typed update from the owner and confirms old → new', async () => {
    const card = await say(owner, 'update 5.1 amber Audit of the neglect toolkit booked for March');
    assert.match(cardText(card), /Not started → Amber/);
    const status = await current('5.1');
    assert.equal(status.rag, 'amber');
    assert.equal(status.note, 'Audit of the neglect toolkit booked for March');
    assert.equal(status.updatedByEmail, owner.email);
    const [entry] = await history('5.1');
    assert.deepEqual(
      [entry.kind, entry.fromRag, entry.toRag, entry.byEmail],
      ['status', 'not_started', 'amber', owner.email],
    );
  });

  it('takes a typed update in a channel after an @mention', async () => {
    await bot.send(channelMention(bot.serviceUrl, owner, 'update 5.1 green Toolkit audit done'));
    assert.equal((await current('5.1')).rag, 'green');
  });

  it('shows the new status on the priority card for the chair', async () => {
    await bot.send(channelMention(bot.serviceUrl, owner, 'update 5.1 green Toolkit audit done'));
    const text = cardText(await say(chair, 'show priority 5'));
    assert.match(text, /olive\.owner@agency\.example/);
    assert.match(text, /Green/);
    assert.match(text, /Toolkit audit done/);
    assert.match(text, /just now|minute/);
  });

  it('refuses a stranger politely, naming the owner, and stores nothing', async () => {
    const before = await history('5.1');
    const card = await say(stranger, 'update 5.1 red This should not be stored');
    assert.match(cardText(card), /olive\.owner@agency\.example/);
    assert.deepEqual(await history('5.1'), before);
  });

  it('lets an admin update any action', async () => {
    await say(chair, 'update 8.1 complete Self-assessments returned by all partners');
    assert.equal((await current('8.1')).rag, 'complete');
  });

  const badUpdates: [string, RegExp][] = [
    ['update 9.9 red problem', /plan has priorities|not in the plan|no action/i],
    ['update 5.1 purple all fine', /not a status|red, amber, green/i],
    ['update 5.1 red', /note/i],
    ['update 5.1 amber', /note/i],
    [`update 5.1 amber ${'x'.repeat(1001)}`, /1,?000/],
  ];
  for (const [text, expected] of badUpdates) {
    it(`answers "${text.slice(0, 40)}" clearly and stores nothing`, async () => {
      const before = await history('5.1');
      assert.match(cardText(await say(owner, text)), expected);
      assert.deepEqual(await history('5.1'), before);
    });
  }

  it('keeps notes literal: template syntax, Markdown, HTML and <at> tags change nothing', async () => {
    const note = 'Check ${$root} and ${title} **bold** <b>html</b> <at>Sam</at> [link](http://x)';
    await say(owner, `update 5.1 amber ${note}`);
    assert.equal((await current('5.1')).note, note);
    const card = await say(chair, 'show action 5.1');
    assert.ok(cardText(card).includes(note), 'the note appears exactly as written');
  });

  it('asks before storing a note that looks like it identifies a child', async () => {
    const before = await history('5.1');
    const card = await say(owner, 'update 5.1 red Child NHS 943 476 5919 not seen');
    assert.match(cardText(card), /NHS number/);
    assert.deepEqual(await history('5.1'), before, 'nothing stored until confirmed');
    const confirm = actionsOf(card).find((action) => action.data?.confirmPersonalData === true);
    assert.ok(confirm, 'a "store as written" button');
    const result = await execute(owner, 'updateStatus', confirm.data);
    assert.match(cardText(result), /Saved/);
    assert.equal((await current('5.1')).rag, 'red');
  });

  // The card form (Action.Execute).
  {
    it('gives the owner a form in "show action" and refreshes the card in place on submit', async () => {
      await say(owner, 'update 5.1 red Escalated at board');
      const card = await say(owner, 'show action 5.1');
      const ids = inputsOf(card).map((input) => input.id);
      assert.deepEqual(ids.sort(), ['correctiveAction', 'evidenceLink', 'impact', 'note', 'rag']);
      assert.match(cardText(card), /identify a child or family/);
      const submit = actionsOf(card).find((action) => action.verb === 'updateStatus');
      assert.ok(submit?.data);
      const before = await current('5.1');
      const result = await execute(owner, 'updateStatus', {
        ...submit.data,
        rag: 'green',
        note: 'Back on track',
      });
      assert.match(cardText(result), /Red → Green/);
      assert.ok(inputsOf(result).length > 0, 'the refreshed card still has the form for the owner');
      const after = await current('5.1');
      assert.equal(after.version, before.version + 1);
      assert.equal(after.note, 'Back on track');
    });

    it('shows others a read-only card', async () => {
      const card = await say(stranger, 'show action 5.1');
      assert.equal(inputsOf(card).length, 0);
    });

    it('warns instead of overwriting when the status changed after the form was drawn', async () => {
      const form = await say(owner, 'show action 5.1');
      const submit = actionsOf(form).find((action) => action.verb === 'updateStatus');
      await say(chair, 'update 5.1 red Escalated at board');
      const before = await history('5.1');
      const result = await execute(owner, 'updateStatus', {
        ...submit?.data,
        rag: 'green',
        note: 'All good',
      });
      assert.match(cardText(result), /changed to Red by Chris Chair .*submit anyway\?/);
      assert.deepEqual(await history('5.1'), before, 'nothing stored');
      const anyway = actionsOf(result).find((action) => action.verb === 'updateStatus');
      const saved = await execute(owner, 'updateStatus', { ...anyway?.data, rag: 'green', note: 'All good' });
      assert.match(cardText(saved), /Red → Green/);
    });

    it('refuses a form submitted by someone who is not the owner', async () => {
      const before = await history('5.1');
      const status = await current('5.1');
      const result = await execute(stranger, 'updateStatus', {
        actionId: '5.1',
        baseVersion: status.version,
        rag: 'red',
        note: 'x',
        correctiveAction: 'y',
      });
      assert.match(cardText(result), /owned by olive\.owner@agency\.example/);
      assert.deepEqual(await history('5.1'), before);
    });

    const badPayloads: [string, unknown][] = [
      ['empty', {}],
      ['no action', { baseVersion: 1, rag: 'red', note: 'x' }],
      ['unknown action', { actionId: '9.9', baseVersion: 1, rag: 'red', note: 'x' }],
      ['wrong types', { actionId: 5.1, baseVersion: '1', rag: 'red', note: 'x' }],
      ['unknown rag', { actionId: '5.1', baseVersion: 1, rag: 'purple', note: 'x' }],
      ['array', [1, 2, 3]],
      ['string', 'update 5.1 red'],
    ];
    for (const [name, data] of badPayloads) {
      it(`rejects a malformed payload (${name}) politely and stores nothing`, async () => {
        const before = await history('5.1');
        const result = await execute(owner, 'updateStatus', data);
        assert.match(cardText(result), /could not be read|nothing was saved|not in the plan|choose/i);
        assert.deepEqual(await history('5.1'), before);
      });
    }

    it('answers a refresh with the form for the owner and read-only for others, without changing the message', async () => {
      const conversation = channelConversation();
      const forOwner = await execute(owner, 'refreshAction', { actionId: '5.1' }, conversation);
      const forStranger = await execute(stranger, 'refreshAction', { actionId: '5.1' }, conversation);
      assert.ok(inputsOf(forOwner).length > 0);
      assert.equal(inputsOf(forStranger).length, 0);
      assert.equal(bot.connector.updatedActivities().length, 0);
    });

    it('in a channel, updates the shared card read-only for everyone and returns the form to the owner', async () => {
      const status = await current('5.1');
      const conversation = channelConversation();
      const result = await execute(
        owner,
        'updateStatus',
        { actionId: '5.1', baseVersion: status.version, rag: 'amber', note: 'Slipping' },
        conversation,
      );
      assert.ok(inputsOf(result).length > 0);
      const [shared] = bot.connector.updatedActivities();
      const sharedCard = onlyCard(shared);
      assert.equal(inputsOf(sharedCard).length, 0, 'the shared card has no form');
      assert.match(cardText(sharedCard), /Slipping/);
      assert.deepEqual((sharedCard.refresh as { userIds?: string[] }).userIds, [owner.id]);
    });
  }

  it('a card shown in a channel names the owner for a refresh into their form, whoever asked', async () => {
    const response = await bot.send(channelMention(bot.serviceUrl, stranger, 'show action 5.1'));
    assert.equal(response.status, 200);
    const card = onlyCard(bot.connector.sentActivities().at(-1));
    assert.equal(inputsOf(card).length, 0, 'read-only for everyone');
    assert.deepEqual((card.refresh as { userIds?: string[] }).userIds, [owner.id]);
  });

  it('"my actions" lists what I own with its status and a form for each', async () => {
    const card = await say(owner, 'my actions');
    const text = cardText(card);
    assert.match(text, /5\.1/);
    assert.doesNotMatch(text, /8\.1/);
    assert.deepEqual(
      inputsOf(card)
        .map((input) => input.id)
        .sort(),
      ['corrective-5.1', 'evidence-5.1', 'impact-5.1', 'note-5.1', 'rag-5.1'],
    );
    const submit = actionsOf(card).find((action) => action.verb === 'updateStatus');
    const result = await execute(owner, 'updateStatus', {
      ...submit?.data,
      'rag-5.1': 'amber',
      'note-5.1': 'From my list',
    });
    assert.match(cardText(result), /Saved: .* → Amber/);
    assert.equal((await current('5.1')).note, 'From my list');
  });

  it('"history 5.1" shows updates newest first with who and old → new', async () => {
    await say(owner, 'update 5.1 amber Audit of the neglect toolkit booked for March');
    await say(owner, 'update 5.1 red Slipping');
    const text = cardText(await say(chair, 'history 5.1'));
    const slipping = text.indexOf('Slipping');
    const booked = text.indexOf('Audit of the neglect toolkit booked for March');
    assert.ok(slipping >= 0 && booked > slipping, 'newest first');
    assert.match(text, /Olive Owner/);
  });

  it('keeps notes out of info-level logs', async () => {
    await say(owner, 'update 5.1 amber A very particular note 12345');
    const infoAndAbove = bot.logs.lines
      .filter((line) => (line.level as number) >= 30)
      .map((line) => JSON.stringify(line));
    assert.ok(infoAndAbove.every((line) => !line.includes('A very particular note 12345')));
  });
});
