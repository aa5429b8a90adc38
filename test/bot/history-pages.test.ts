import { strict as assert } from 'node:assert';
import { actionsOf, cardText, onlyCard } from '../../scripts/support/card-content';
import { personalMessage, testUser } from '../../scripts/support/teams-activities';
import { TestBot } from '../support/test-bot';

describe('history: counts and pages after many changes', function () {
  this.timeout(60_000);
  let bot: TestBot;
  const chair = testUser('Chris Chair', 'chair@oscb.example');
  const CHANGES = 110;

  before(async () => {
    bot = await TestBot.start({ env: { BOARD_ADMINS: chair.email } });
    bot.meet(chair);
    const person = { name: chair.name, email: chair.email };
    for (let index = 1; index <= CHANGES; index++) {
      const outcome = await bot.bot.stores.statusService.updateStatus({
        actionId: '2.1',
        ragWord: ['red', 'amber', 'green'][index % 3],
        note: `change number ${index}`,
        by: person,
      });
      assert.equal(outcome.kind, 'saved');
    }
  });
  after(async () => bot.stop());

  async function say(text: string): Promise<string> {
    const activity = personalMessage(bot.serviceUrl, chair, text);
    assert.equal((await bot.send(activity)).status, 200);
    const reply = bot.connector.sentActivities().find((sent) => sent.replyToId === activity.id);
    return cardText(onlyCard(reply));
  }

  it('the first page numbers the newest changes and counts the older ones right', async () => {
    const text = await say('history 2.1');
    assert.match(text, /#110\b/);
    assert.match(text, /change number 110\b/);
    assert.doesNotMatch(text, /1 older change not shown/);
    assert.match(text, /Page 1 of 11/);
    assert.match(text, /100 older changes/);
    assert.match(text, /history 2\.1 page 2/);
    assert.doesNotMatch(text, /change number 100\b/, 'a page holds ten changes');
  });

  it('offers the next page as a button that only shows it', async () => {
    const activity = personalMessage(bot.serviceUrl, chair, 'history 2.1');
    await bot.send(activity);
    const reply = bot.connector.sentActivities().find((sent) => sent.replyToId === activity.id);
    const commands = actionsOf(onlyCard(reply)).map((action) => action.data?.command);
    assert.ok(commands.includes('history 2.1 page 2'), JSON.stringify(commands));
  });

  it('page 2 holds the next ten, and the last page the oldest', async () => {
    const second = await say('history 2.1 page 2');
    assert.match(second, /#100\b/);
    assert.match(second, /#91\b/);
    assert.doesNotMatch(second, /#90\b|#101\b/);
    assert.match(second, /Page 2 of 11/);
    const last = await say('history 2.1 page 11');
    assert.match(last, /#1\b/);
    assert.match(last, /change number 1\b/);
    assert.doesNotMatch(last, /older change/);
  });

  describe('a period longer than one card (25 changes)', () => {
    const since = `since 1 january ${new Date().getUTCFullYear()}`;

    it('the first page shows the newest 25 and offers the next page as a button', async () => {
      const activity = personalMessage(bot.serviceUrl, chair, `history 2.1 ${since}`);
      await bot.send(activity);
      const card = onlyCard(bot.connector.sentActivities().find((sent) => sent.replyToId === activity.id));
      const text = cardText(card);
      assert.match(text, /110 changes to 2\.1/);
      assert.match(text, /#110\b/);
      assert.match(text, /#86\b/);
      assert.doesNotMatch(text, /#85\b/);
      assert.match(text, /Page 1 of 5/);
      assert.match(text, /85 older changes/);
      const commands = actionsOf(card).map((action) => action.data?.command);
      assert.ok(commands.includes(`history 2.1 ${since} page 2`), JSON.stringify(commands));
    });

    it('page 2 holds the next 25, the last page the oldest, and a page past the end says how many', async () => {
      const second = await say(`history 2.1 ${since} page 2`);
      assert.match(second, /#85\b/);
      assert.match(second, /#61\b/);
      assert.doesNotMatch(second, /#60\b|#86\b/);
      assert.match(second, /Page 2 of 5/);
      const last = await say(`history 2.1 ${since} page 5`);
      assert.match(last, /#10\b/);
      assert.match(last, /#1\b/);
      assert.doesNotMatch(last, /#11\b|older change/);
      assert.match(await say(`history 2.1 ${since} page 6`), /5 pages/);
    });

    it('a whole priority pages the same way, newest first across its actions', async () => {
      const text = await say(`history priority 2 ${since} page 2`);
      assert.match(text, /Page 2 of \d+/);
      assert.match(text, /on 2\.1/);
    });
  });

  it('a page past the end says how many pages there are', async () => {
    assert.match(await say('history 2.1 page 12'), /11 pages/);
  });

  it('an action with a few changes has one page and no pager', async () => {
    await bot.bot.stores.statusService.updateStatus({
      actionId: '2.2',
      ragWord: 'green',
      note: 'just one',
      by: { name: chair.name, email: chair.email },
    });
    const text = await say('history 2.2');
    assert.match(text, /#1\b/);
    assert.doesNotMatch(text, /Page|older change/);
  });
});
