import { strict as assert } from 'node:assert';
import { cardText, onlyCard, type Card } from '../../scripts/support/card-content';
import {
  channelConversation,
  executeAction,
  personalConversation,
  personalMessage,
} from '../../scripts/support/teams-activities';
import { startBoardBot } from '../support/board-bot';
import { chair, owner } from '../support/people';
import type { TestBot } from '../support/test-bot';

/** Teams redelivers an activity (same id, same conversation) when the bot was slow to answer. */
describe('redelivered activities are applied once and answered the same', () => {
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startBoardBot({ admins: [chair], owners: { '4.1': owner, '4.2': owner } });
  });
  afterEach(async () => bot.stop());

  const history = (actionId: string) => bot.bot.stores.statusService.history(actionId, 1000);
  const replyTo = (activityId: string) =>
    bot.connector
      .sentActivities()
      .filter((sent) => sent.replyToId === activityId)
      .map((sent) => cardText(onlyCard(sent)));

  it('a typed update delivered twice, one after the other', async () => {
    const before = await history('4.1');
    const activity = personalMessage(bot.serviceUrl, owner, 'update 4.1 amber Redelivered once');
    assert.equal((await bot.send(activity)).status, 200);
    assert.equal((await bot.send(activity)).status, 200);
    assert.equal((await history('4.1')).length - before.length, 1, 'one history row');
    const replies = replyTo(activity.id as string);
    assert.equal(replies.length, 2);
    assert.match(replies[0], /Saved: \w[\w ]* → Amber/);
    assert.equal(replies[1], replies[0], 'the same answer');
  });

  it('a typed update delivered twice at the same moment', async () => {
    await bot.send(personalMessage(bot.serviceUrl, owner, 'update 4.1 amber Before the redelivery'));
    const before = await history('4.1');
    const activity = personalMessage(bot.serviceUrl, owner, 'update 4.1 green Redelivered concurrently');
    await Promise.all([bot.send(activity), bot.send(activity), bot.send(activity)]);
    assert.equal((await history('4.1')).length - before.length, 1, 'one history row');
    const replies = replyTo(activity.id as string);
    assert.equal(replies.length, 3);
    for (const reply of replies) assert.match(reply, /Saved: Amber → Green/);
  });

  it('the same activity id in another conversation is another message', async () => {
    const before = await history('4.1');
    const first = personalMessage(bot.serviceUrl, owner, 'update 4.1 red First conversation');
    const second = {
      ...personalMessage(bot.serviceUrl, owner, 'update 4.1 amber Second conversation'),
      id: first.id,
      conversation: {
        ...channelConversation(),
        tenantId: (first.conversation as { tenantId: string }).tenantId,
      },
    };
    await bot.send(first);
    await bot.send(second);
    assert.equal((await history('4.1')).length - before.length, 2);
  });

  it('an owner assignment delivered twice', async () => {
    const before = await history('4.3');
    const activity = personalMessage(bot.serviceUrl, chair, `assign 4.3 to ${owner.email}`);
    await bot.send(activity);
    await bot.send(activity);
    assert.equal((await history('4.3')).length - before.length, 1, 'one history row');
    const replies = replyTo(activity.id as string);
    assert.equal(replies.length, 2);
    assert.match(replies[0], /assigned/);
    assert.equal(replies[1], replies[0], 'the same answer, not "nothing to change"');
  });

  it('a card Action.Execute update delivered twice', async () => {
    const { version } = await bot.bot.stores.statusService.currentStatus('4.2');
    const before = await history('4.2');
    const invoke = executeAction(
      bot.serviceUrl,
      owner,
      'updateStatus',
      { actionId: '4.2', baseVersion: version, rag: 'green', note: 'Card submit redelivered' },
      personalConversation(owner),
    );
    const answers: Card[] = [];
    for (let delivery = 0; delivery < 2; delivery++) {
      const response = await bot.send(invoke);
      assert.equal(response.status, 200);
      answers.push((response.body as { value: Card }).value);
    }
    assert.equal((await history('4.2')).length - before.length, 1, 'one history row');
    assert.match(cardText(answers[0]), /Saved: \w[\w ]* → Green/);
    assert.equal(cardText(answers[1]), cardText(answers[0]), 'the same card, not "changed since your form"');
  });

  it('an activity without an id is still handled (nothing to deduplicate on)', async () => {
    const activity = {
      ...personalMessage(bot.serviceUrl, owner, 'update 4.2 complete No id'),
      id: undefined,
    };
    const before = await history('4.2');
    await bot.send(activity);
    assert.equal((await history('4.2')).length - before.length, 1);
  });
});
