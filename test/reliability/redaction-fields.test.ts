import { strict as assert } from 'node:assert';
import { cardText, onlyCard } from '../../scripts/support/card-content';
import { channelMention, personalMessage, type TestUser } from '../../scripts/support/teams-activities';
import { sharedMessagesNow } from '../support/recording-connector';
import { everyStoredRow } from '../support/table-rows';
import { startBoardBot } from '../support/board-bot';
import { chair, owner } from '../support/people';
import type { TestBot } from '../support/test-bot';

/**
 * `redact` reaches every free text a person typed into a change, wherever a copy lives: the change's
 * history row, the current row, later changes that restate it, the stored digest copies and every card
 * the bot posted in a channel (exports read the same tables). One row per free-text field.
 */
describe('redact: every free-text field of a change, everywhere it is copied', function () {
  this.timeout(120_000);
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startBoardBot({ admins: [chair], owners: { '5.1': owner }, boardChannel: true });
  });
  afterEach(async () => bot.stop());

  async function say(user: TestUser, text: string): Promise<string> {
    const activity = personalMessage(bot.serviceUrl, user, text);
    assert.equal((await bot.send(activity)).status, 200);
    const reply = bot.connector.sentActivities().find((sent) => sent.replyToId === activity.id);
    return cardText(onlyCard(reply));
  }

  const by = { name: owner.name, email: owner.email, aadObjectId: owner.aadObjectId };
  const fields: {
    field: string;
    write: (secret: string) => Promise<unknown>;
    after?: () => Promise<unknown>;
  }[] = [
    { field: 'a status note', write: (secret) => say(owner, `update 5.1 amber ${secret}`) },
    {
      field: 'the impact so far',
      write: (secret) =>
        bot.bot.stores.statusService.updateStatus({
          actionId: '5.1',
          ragWord: 'red',
          note: 'Panel met',
          by,
          details: { impact: secret, correctiveAction: 'Extra audit' },
        }),
    },
    {
      field: 'the corrective action',
      write: (secret) =>
        bot.bot.stores.statusService.updateStatus({
          actionId: '5.1',
          ragWord: 'red',
          note: 'Panel met again',
          by,
          details: { impact: 'Delays', correctiveAction: secret },
        }),
    },
    {
      field: "a target date's reason",
      write: (secret) => say(owner, `due 5.1 31 March 2027 because ${secret}`),
    },
    {
      field: 'a lead agency, restated by the next lead change',
      write: (secret) => say(chair, `lead 5.1 ${secret}`),
      after: () => say(chair, 'lead 5.1 Thames Valley Police'),
    },
  ];

  let secretNumber = 0;
  for (const { field, write, after } of fields) {
    it(`${field}`, async () => {
      const secret = `Zorvath${++secretNumber}x panel`;
      const written = await write(secret);
      if (typeof written === 'object')
        assert.equal((written as { kind: string }).kind, 'saved', JSON.stringify(written));
      const { version } = await bot.bot.stores.statusService.currentStatus('5.1');
      await after?.();
      // Copies: a history card and a show card posted in the channel, and a digest.
      bot.connector.reset();
      await bot.send(channelMention(bot.serviceUrl, chair, 'history 5.1'));
      await bot.send(channelMention(bot.serviceUrl, chair, 'show action 5.1'));
      assert.equal((await bot.bot.useCases.weeklyDigest.run({ force: true })).kind, 'posted');
      const before = (await everyStoredRow(bot.tablePrefix)).filter((row) => row.includes(secret));
      assert.ok(before.length > 0, 'the words were stored');
      assert.ok(
        sharedMessagesNow(bot.connector.calls).some((message) => message.includes(secret)),
        'and shown in the channel',
      );

      assert.match(await say(chair, `redact 5.1 #${version} because Named a family`), /redacted/i);

      assert.deepEqual(
        (await everyStoredRow(bot.tablePrefix)).filter((row) => row.includes(secret)),
        [],
        'no stored copy',
      );
      assert.deepEqual(
        sharedMessagesNow(bot.connector.calls).filter((message) => message.includes(secret)),
        [],
        'no message in a channel shows it',
      );
      assert.doesNotMatch(await say(chair, 'history 5.1'), new RegExp(secret));
    });
  }

  it('a change with no typed words (an owner change) has nothing to redact', async () => {
    const { version } = await bot.bot.stores.statusService.currentStatus('5.1');
    await say(chair, `assign 5.1 to ${chair.email}`);
    assert.match(
      await say(chair, `redact 5.1 #${version + 1} because Named a family`),
      /nothing to redact|no note/i,
    );
  });
});
