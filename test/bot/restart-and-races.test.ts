import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../storage/azurite-process';
import { cardText, onlyCard } from '../../scripts/support/card-content';
import { personalMessage, testUser, type TestUser } from '../../scripts/support/teams-activities';
import { TestBot } from '../support/test-bot';
import { fieldsOf } from '../support/history-fields';

const chair = testUser('Chris Chair', 'chair@oscb.example');
const owner = testUser('Olive Owner', 'olive.owner@agency.example');

async function say(bot: TestBot, user: TestUser, text: string): Promise<string> {
  bot.meet(user);
  const before = bot.connector.sentActivities().length;
  const response = await bot.send(personalMessage(bot.serviceUrl, user, text));
  assert.equal(response.status, 200);
  const sent = bot.connector.sentActivities();
  assert.equal(sent.length, before + 1, `one reply to "${text}"`);
  return cardText(onlyCard(sent[sent.length - 1]));
}

describe('restarts keep every owner, status and history row', () => {
  it('with shared Table Storage: a new process sees everything the old one stored', async () => {
    const first = await TestBot.start({ env: { BOARD_ADMINS: chair.email } });
    await say(first, chair, `assign 5.1 to ${owner.email}`);
    await say(first, owner, 'update 5.1 amber Toolkit audit booked');
    await say(first, owner, 'update 5.1 green Toolkit audit done');
    await first.stop();

    const second = await TestBot.start({
      env: { BOARD_ADMINS: chair.email },
      tablePrefix: first.tablePrefix,
    });
    try {
      const priority = await say(second, chair, 'show priority 5');
      assert.match(priority, /olive\.owner@agency\.example/);
      assert.match(priority, /Toolkit audit done/);
      const history = await second.bot.stores.statusService.history('5.1', 10);
      assert.deepEqual(
        history.map((entry) => [entry.kind, entry.toRag]),
        [
          ['status', 'green'],
          ['status', 'amber'],
          ['owner', 'not_started'],
        ],
      );
    } finally {
      await second.stop();
    }
  });

  it("with npm start's embedded Azurite: data under the local folder survives a restart", async function () {
    this.timeout(60_000);
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-data-'));
    try {
      const embedded = { directory, port: await freePort() };
      const first = await TestBot.start({
        env: { BOARD_ADMINS: chair.email },
        embedded,
        tablePrefix: 'oscb',
      });
      await say(first, chair, `assign 2.1 to ${owner.email}`);
      await say(first, owner, 'update 2.1 red Housing pathway stalled; escalated to the chair');
      await first.stop();
      assert.ok(fs.readdirSync(directory).length > 0, 'Azurite wrote its files to the folder');

      const second = await TestBot.start({
        env: { BOARD_ADMINS: chair.email },
        embedded,
        tablePrefix: 'oscb',
      });
      try {
        assert.match(await say(second, chair, 'show action 2.1'), /Housing pathway stalled/);
        assert.equal((await second.bot.stores.statusService.history('2.1', 10)).length, 2);
      } finally {
        await second.stop();
      }
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('concurrent updates to one action', () => {
  let bot: TestBot;

  before(async () => {
    bot = await TestBot.start({ env: { BOARD_ADMINS: chair.email } });
    bot.meet(chair, owner);
    await say(bot, chair, `assign 7.1 to ${owner.email}`);
  });
  after(async () => bot.stop());

  it('an owner and an admin typing at the same moment: every update lands in history once, none lost', async () => {
    const before = await bot.bot.stores.statusService.history('7.1', 1000);
    const updates = Array.from({ length: 12 }, (_, index) => ({
      user: index % 2 === 0 ? owner : chair,
      text: `update 7.1 ${index % 3 === 0 ? 'red' : 'amber'} concurrent note ${index}`,
    }));
    const responses = await Promise.all(
      updates.map(({ user, text }) => bot.send(personalMessage(bot.serviceUrl, user, text))),
    );
    assert.ok(responses.every((response) => response.status === 200));
    const replies = bot.connector
      .sentActivities()
      .slice(-updates.length)
      .map((activity) => cardText(onlyCard(activity)));
    const saved = replies.filter((text) => /Saved:/.test(text)).length;
    const retry = replies.filter((text) => /try again/i.test(text)).length;
    assert.equal(
      saved + retry,
      updates.length,
      `each person is told it saved or to retry: ${replies.filter((text) => !/Saved:|try again/i.test(text)).join('\n---\n')}`,
    );

    const history = await bot.bot.stores.statusService.history('7.1', 1000);
    assert.equal(history.length - before.length, saved, 'every acknowledged update is in history');
    const storedNotes = new Set(history.map((entry) => fieldsOf(entry).note));
    // Replies arrive in any order; each confirmation shows the note it saved.
    const acknowledgedNotes = replies
      .filter((text) => /Saved:/.test(text))
      .map((text) => /concurrent note \d+/.exec(text)?.[0]);
    assert.equal(new Set(acknowledgedNotes).size, saved);
    for (const note of acknowledgedNotes) assert.ok(storedNotes.has(note), `"${note}" is in history`);
    const versions = history.map((entry) => entry.version);
    assert.deepEqual(versions, [...new Set(versions)], 'no version written twice');
    const current = await bot.bot.stores.statusService.currentStatus('7.1');
    assert.equal(current.version, history[0].version);
    assert.equal(current.rag, history[0].toRag);
    assert.equal(current.note, fieldsOf(history[0]).note, 'current equals the newest history row');
  });
});
