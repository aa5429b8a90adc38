import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actionsOf, cardText, inputsOf, onlyCard, type Card } from '../../scripts/support/card-content';
import { repoRoot, shippedPlanFile } from '../../scripts/support/repo-paths';
import { sharedAzurite } from '../support/azurite';
import {
  BOARD_CHANNEL_ID,
  botInstalledInChannel,
  botInstalledPersonally,
  channelMention,
  executeAction,
  personalConversation,
  personalMessage,
  testUser,
  type TestUser,
} from '../../scripts/support/teams-activities';
import { TestBot } from '../support/test-bot';
import { promisify } from 'node:util';

const chair = testUser('Chris Chair', 'chair@oscb.example');
const owner = testUser('Olive Owner', 'olive.owner@agency.example');
const manager = testUser('Beth Manager', 'beth.manager@oscb.example');
const lead = testUser('Lee Lead', 'lee.lead@agency.example');

/** Mondays, 09:00 UK time (BST until 25 October, GMT after). */
const START = new Date('2026-10-05T08:00:00Z');
const FORTNIGHT = new Date('2026-10-19T08:00:00Z');
const FOUR_WEEKS = new Date('2026-11-02T09:00:00Z');
const FIVE_WEEKS = new Date('2026-11-09T09:00:00Z');

/** The shipped plan with a lead for priority 5. */
function planWithPriorityLead(): string {
  const plan = JSON.parse(fs.readFileSync(shippedPlanFile, 'utf8')) as { priorities: { lead?: string }[] };
  plan.priorities[4].lead = lead.email;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'escalation-')), 'plan.json');
  fs.writeFileSync(file, JSON.stringify(plan));
  return file;
}

async function startBot(clock: () => Date, planFile: string, tablePrefix?: string): Promise<TestBot> {
  const bot = await TestBot.start({
    env: { BOARD_ADMINS: chair.email, ESCALATE_TO: manager.email, PLAN_FILE: planFile },
    clock,
    tablePrefix,
    sendBackoffMs: 5,
    reminderGapMs: 1,
  });
  bot.meet(chair, owner, manager, lead);
  return bot;
}

/** Messages the bot sent into someone's personal chat, as cards' text. */
function personalCards(bot: TestBot, user: TestUser): Card[] {
  return bot.connector.calls
    .filter(
      (call) => call.method === 'POST' && call.path.startsWith(`/v3/conversations/a:personal-${user.id}/`),
    )
    .map((call) => onlyCard(call.body));
}

async function say(bot: TestBot, user: TestUser, text: string): Promise<Card> {
  bot.connector.reset();
  assert.equal((await bot.send(personalMessage(bot.serviceUrl, user, text))).status, 200);
  const sent = bot.connector.sentActivities();
  return onlyCard(sent[sent.length - 1]);
}

/** A fresh board: channel set, people met, 5.1 owned and updated at START. */
async function arrangeBoard(bot: TestBot): Promise<void> {
  await bot.send(botInstalledInChannel(bot.serviceUrl, chair));
  await bot.send(channelMention(bot.serviceUrl, chair, 'set board channel'));
  for (const user of [chair, owner, manager, lead])
    await bot.send(botInstalledPersonally(bot.serviceUrl, user));
  await say(bot, chair, `assign 5.1 to ${owner.email}`);
  await say(bot, owner, 'update 5.1 amber Audit booked for the spring');
}

describe('escalation of silent actions (real server, Azurite, recording connector)', () => {
  let now = START;
  let bot: TestBot;
  const planFile = planWithPriorityLead();

  before(async () => {
    bot = await startBot(() => now, planFile);
    await arrangeBoard(bot);
    assert.equal((await bot.bot.useCases.weeklyDigest.run()).kind, 'posted');
  });
  after(async () => bot.stop());

  it('reminds the owner first, saying when and with whom the action will be raised', async () => {
    now = FORTNIGHT;
    bot.connector.reset();
    const result = await bot.bot.useCases.weeklyDigest.run();
    assert.equal(result.kind, 'posted');
    const reminder = personalCards(bot, owner);
    assert.equal(reminder.length, 1);
    assert.match(
      cardText(reminder[0]),
      /5\.1 will be raised with Beth Manager and Lee Lead from 2 November 2026/,
    );
    assert.equal(personalCards(bot, manager).length, 0, 'nothing is escalated after a fortnight');
  });

  it('after four weeks the business manager gets one card listing the silent actions, with facts and forms', async () => {
    now = FOUR_WEEKS;
    bot.connector.reset();
    const result = await bot.bot.useCases.weeklyDigest.run();
    assert.equal(result.kind, 'posted');
    const cards = personalCards(bot, manager);
    assert.equal(cards.length, 1, 'one card per run');
    const text = cardText(cards[0]);
    assert.match(text, /Actions escalated to you/);
    assert.match(text, /5\.1/);
    assert.match(text, /Olive Owner/);
    assert.match(text, /no update for 28 days/);
    assert.match(text, /1 reminder sent, on 19 October 2026/);
    assert.match(text, /no owner for 28 days/, 'actions without an owner are escalated too');
    const buttons = actionsOf(cards[0]);
    const open = buttons.find((button) => button.title === 'Open 5.1');
    assert.deepEqual(open?.data, { verb: 'runCommand', command: 'show action 5.1' });
    const assign = buttons.find((button) => button.title === 'Assign 5.1');
    assert.equal(assign?.verb, 'assignOwner');
    assert.ok(inputsOf(cards[0]).some((input) => input.id === 'assign-5.1'));
  });

  it("the priority's lead is told of their priority's actions only", async () => {
    const cards = personalCards(bot, lead);
    assert.equal(cards.length, 1);
    const text = cardText(cards[0]);
    assert.match(text, /5\.1/);
    assert.doesNotMatch(text, /\b1\.1\b/);
    assert.ok(
      !actionsOf(cards[0]).some((button) => button.verb === 'assignOwner'),
      'no assign form the lead could not use',
    );
    assert.equal(inputsOf(cards[0]).length, 0);
    assert.match(text, /Beth Manager or a board admin can assign it/);
  });

  it('the digest, `exceptions` and `history 5.1` say it was escalated, to whom and when', async () => {
    const posts = bot.connector.channelPosts(BOARD_CHANNEL_ID);
    const digest = cardText(onlyCard(posts[posts.length - 1].body?.activity as Record<string, unknown>));
    assert.match(digest, /escalated to Beth Manager and Lee Lead on 2 November 2026/);
    assert.match(
      cardText(await say(bot, owner, 'exceptions')),
      /escalated to Beth Manager and Lee Lead on 2 November 2026/,
    );
    const history = cardText(await say(bot, owner, 'history 5.1'));
    assert.match(history, /Escalated to Beth Manager and Lee Lead: no update for 28 days/);
    assert.match(history, /#2/, 'the changes keep their numbers');
    assert.doesNotMatch(history, /#3/, 'the escalation takes no change number');
    assert.equal((await bot.bot.stores.statusService.currentStatus('5.1')).version, 2);
  });

  it('a second run in the same week sends nothing new', async () => {
    now = new Date(FOUR_WEEKS.getTime() + 3 * 60 * 60 * 1000);
    bot.connector.reset();
    assert.equal((await bot.bot.useCases.weeklyDigest.run()).kind, 'alreadyPosted');
    assert.equal((await bot.bot.useCases.weeklyDigest.run({ force: true })).kind, 'posted');
    assert.equal(personalCards(bot, manager).length, 0);
    assert.equal(personalCards(bot, lead).length, 0);
  });

  it('`show escalations` lists what is escalated and since when, for admins only', async () => {
    const list = cardText(await say(bot, chair, 'show escalations'));
    assert.match(list, /5\.1/);
    assert.match(list, /escalated since 2 November 2026 to Beth Manager and Lee Lead/);
    assert.match(cardText(await say(bot, owner, 'show escalations')), /Only board admins/);
    assert.match(cardText(await say(bot, lead, 'show escalations')), /Only board admins/);
    const managers = cardText(await say(bot, manager, 'show escalations'));
    assert.match(managers, /escalated since 2 November 2026 to Beth Manager and Lee Lead/);
  });

  /** Submits the escalation card's assign form as `user`; the card Teams shows back. */
  async function assignForm(user: TestUser, actionId: string, address: string | undefined) {
    const data: Record<string, unknown> = { actionId, list: ['1.1', '5.1'] };
    if (address !== undefined) data[`assign-${actionId}`] = address;
    const response = await bot.send(
      executeAction(bot.serviceUrl, user, 'assignOwner', data, personalConversation(user)),
    );
    assert.equal(response.status, 200);
    return (response.body as { value: Card }).value;
  }

  for (const [who, user] of [
    ['an owner', owner],
    ["the priority's lead", lead],
  ] as const) {
    for (const address of ['', undefined, 'nia.new@agency.example'])
      it(`a forged assign form from ${who} (address ${JSON.stringify(address)}) is refused before any list is drawn`, async () => {
        const card = await assignForm(user, '5.1', address);
        const text = cardText(card);
        assert.match(text, /Only board admins can do that/);
        assert.doesNotMatch(text, /Olive Owner|no update for|reminder|Lee Lead/);
        assert.ok(!actionsOf(card).some((button) => button.verb === 'assignOwner'));
        assert.equal((await bot.bot.stores.statusService.currentStatus('5.1')).ownerEmail, owner.email);
      });
  }

  it('an assign form for an action the plan does not have says so', async () => {
    const text = cardText(await assignForm(chair, '9.9', 'nia.new@agency.example'));
    assert.match(text, /There is no action 9\.9 in the plan\. Nothing was changed/);
    assert.doesNotMatch(text, /not an address/);
  });

  it("the business manager's own assign form is checked and carried out, not refused", async () => {
    const bad = cardText(await assignForm(manager, '5.1', 'not an address'));
    assert.match(bad, /does not look like an email address.*Nothing was changed/s);
    const same = cardText(await assignForm(manager, '5.1', owner.email));
    assert.match(same, /already owned by olive\.owner@agency\.example/);
    assert.doesNotMatch(same, /Only board admins/);
  });

  it("the card's assign form checks the address like `assign`, and a good one assigns and de-escalates", async () => {
    const conversation = personalConversation(chair);
    const submit = async (address: string) => {
      const response = await bot.send(
        executeAction(
          bot.serviceUrl,
          chair,
          'assignOwner',
          { actionId: '1.1', list: ['1.1', '5.1'], 'assign-1.1': address },
          conversation,
        ),
      );
      assert.equal(response.status, 200);
      return (response.body as { value: Card }).value;
    };
    const refused = await submit('not an address');
    assert.match(cardText(refused), /does not look like an email address.*Nothing was changed/s);
    assert.ok(
      actionsOf(refused).some((button) => button.title === 'Assign 1.1'),
      'still listed',
    );
    assert.equal((await bot.bot.stores.statusService.currentStatus('1.1')).ownerEmail, undefined);
    const answer = await submit('Nia.New@Agency.example');
    assert.match(cardText(answer), /Action 1\.1 assigned/);
    const titles = actionsOf(answer).map((button) => button.title);
    assert.ok(!titles.includes('Assign 1.1'), 'a new owner ends the escalation: 1.1 drops off the card');
    assert.ok(titles.includes('Assign 5.1'));
    assert.equal(
      (await bot.bot.stores.statusService.currentStatus('1.1')).ownerEmail,
      'nia.new@agency.example',
    );
  });

  it("the owner's update de-escalates it, and the next digest says so", async () => {
    now = new Date(FOUR_WEEKS.getTime() + 24 * 60 * 60 * 1000);
    await say(bot, owner, 'update 5.1 green Audit done; actions agreed');
    assert.doesNotMatch(cardText(await say(bot, chair, 'show escalations')), /\b5\.1\b/);
    now = FIVE_WEEKS;
    bot.connector.reset();
    assert.equal((await bot.bot.useCases.weeklyDigest.run()).kind, 'posted');
    const posts = bot.connector.channelPosts(BOARD_CHANNEL_ID);
    const digest = cardText(onlyCard(posts[0].body?.activity as Record<string, unknown>));
    assert.match(digest, /No longer escalated: .*5\.1 [^;]*\(updated\)/);
    const cards = personalCards(bot, manager);
    assert.equal(cards.length, 1, 'actions still silent are listed again a week later');
    assert.doesNotMatch(cardText(cards[0]), /\b5\.1\b/);
    assert.match(cardText(cards[0]), /\b2\.1\b/);
  });
});

describe('escalation across instances', () => {
  it('two instances running the weekly job at once escalate each action once', async () => {
    let now = START;
    const planFile = planWithPriorityLead();
    const first = await startBot(() => now, planFile);
    const second = await startBot(() => now, planFile, first.tablePrefix);
    try {
      await arrangeBoard(first);
      await first.bot.useCases.weeklyDigest.run();
      now = FORTNIGHT;
      await first.bot.useCases.weeklyDigest.run();
      now = FOUR_WEEKS;
      first.connector.reset();
      second.connector.reset();
      const week = '2026-W45';
      const results = await Promise.all([
        first.bot.useCases.escalations.run(week),
        second.bot.useCases.escalations.run(week),
        first.bot.useCases.weeklyDigest.run(),
        second.bot.useCases.weeklyDigest.run(),
      ]);
      const escalated = results
        .slice(0, 2)
        .flatMap((result) => ('escalated' in result ? result.escalated : []));
      assert.ok(escalated.includes('5.1'));
      assert.equal(new Set(escalated).size, escalated.length, 'no action escalated twice');
      // Every card went through the first bot's connector (the people's chats were met there).
      const managerCards = personalCards(first, manager);
      const rows = managerCards.flatMap((card) => cardText(card).match(/^\d+\.\d+ $/gm) ?? []);
      assert.equal(new Set(rows).size, rows.length, 'no action on two cards');
      const records = await first.bot.useCases.escalations.current();
      assert.equal(records.get('5.1')?.told.length, 2);
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});

describe('npm run digest -- --dry-run (its own process, on the same storage)', () => {
  it('lists what would be escalated, to whom, and claims and sends nothing', async () => {
    // The job runs on the real clock: the board's story is set that far back.
    const DAY = 24 * 60 * 60 * 1000;
    const started = new Date(Date.now() - 50 * DAY);
    let now = started;
    const planFile = planWithPriorityLead();
    const bot = await startBot(() => now, planFile);
    try {
      await arrangeBoard(bot);
      await bot.bot.useCases.weeklyDigest.run();
      now = new Date(started.getTime() + 15 * DAY);
      bot.connector.reset();
      await bot.bot.useCases.weeklyDigest.run();
      assert.equal(personalCards(bot, owner).length, 1, 'the owner was reminded');
      bot.connector.reset();
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [`${repoRoot}/dist/bot/digest-main.js`, '--dry-run'],
        {
          cwd: repoRoot,
          env: {
            PATH: process.env.PATH ?? '',
            AZURE_STORAGE_CONNECTION_STRING: (await sharedAzurite()).connectionString,
            TABLE_PREFIX: bot.tablePrefix,
            PLAN_FILE: planFile,
            BOARD_ADMINS: chair.email,
            ESCALATE_TO: manager.email,
            LOG_LEVEL: 'warn',
          },
        },
      );
      // The digest as text comes first; what would be escalated follows it.
      const lines = stdout.slice(stdout.indexOf('\nWould escalate')).split('\n');
      assert.ok(
        lines.some((line) =>
          /^Would escalate \(unless already escalated this week\): \d+ actions$/.test(line),
        ),
        stdout,
      );
      const row = lines.find((line) => line.startsWith('  5.1 '));
      assert.match(
        row ?? '',
        /: owner Olive Owner, no update for (49|50|51) days; to beth\.manager@oscb\.example, lee\.lead@agency\.example$/,
      );
      assert.ok(
        lines.some((line) =>
          /^ {2}1\.1 .*: no owner for \d+ days; to beth\.manager@oscb\.example$/.test(line),
        ),
        'an action without an owner, told to the business manager alone (priority 1 has no lead)',
      );
      assert.equal(bot.connector.calls.length, 0, 'nothing sent');
      assert.equal((await bot.bot.useCases.escalations.current()).size, 0, 'nothing claimed or recorded');
    } finally {
      await bot.stop();
    }
  });
});
