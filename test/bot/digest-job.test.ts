import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { scheduleDigest } from '../../bot/digest-schedule';
import { sharedAzurite } from '../support/azurite';
import { cardText, onlyCard } from '../support/card-content';
import { BOARD_CHANNEL_ID, botInstalledInChannel, personalMessage, testUser } from '../support/activities';
import { repoRoot, shippedPlanFile } from '../support/paths';
import { TestBot } from '../support/test-bot';

const run = promisify(execFile);

/** `npm run digest` as an external scheduler runs it: its own process, on the test's tables. */
async function runDigestJob(tablePrefix: string, ...args: string[]) {
  const env = {
    PATH: process.env.PATH ?? '',
    AZURE_STORAGE_CONNECTION_STRING: (await sharedAzurite()).connectionString,
    TABLE_PREFIX: tablePrefix,
    PLAN_FILE: shippedPlanFile,
    LOG_LEVEL: 'warn',
  };
  const script = path.join(repoRoot, 'dist', 'bot', 'digest-main.js');
  return run(process.execPath, [script, ...args], { env, cwd: repoRoot });
}

/** The job prints its result as one JSON line; log lines (pino, also JSON) carry a level. */
function resultOf(stdout: string): { kind: string } {
  const line = stdout
    .split('\n')
    .filter((candidate) => candidate.startsWith('{'))
    .map((candidate) => JSON.parse(candidate) as { kind?: string; level?: number })
    .find((parsed) => parsed.kind !== undefined && parsed.level === undefined);
  if (!line?.kind) throw new Error(`no result in: ${stdout}`);
  return { kind: line.kind };
}
const chair = testUser('Chris Chair', 'chair@oscb.example');

const channelPosts = (bot: TestBot) => bot.connector.channelPosts(BOARD_CHANNEL_ID);

async function installedBot(clock?: () => Date): Promise<TestBot> {
  const bot = await TestBot.start({
    env: { BOARD_ADMINS: chair.email },
    clock,
    sendBackoffMs: 5,
    reminderGapMs: 1,
  });
  bot.meet(chair);
  await bot.send(botInstalledInChannel(bot.serviceUrl, chair));
  await bot.send(
    personalMessage(bot.serviceUrl, chair, 'update 6.1 red Training budget cut; options to board'),
  );
  bot.connector.reset();
  return bot;
}

describe('the digest job: npm run digest (a separate process on the same storage)', () => {
  let bot: TestBot;

  before(async () => {
    bot = await installedBot();
  });
  after(async () => bot.stop());

  async function digestJob(...args: string[]) {
    return runDigestJob(bot.tablePrefix, ...args);
  }

  it('--dry-run prints the digest and posts nothing', async () => {
    const { stdout } = await digestJob('--dry-run');
    assert.match(stdout, /1 red/);
    assert.match(stdout, /Training budget cut; options to board/);
    assert.equal(bot.connector.calls.length, 0, 'no call to Teams');
  });

  it('posts once, and a second run in the same week posts nothing; --force posts an extra', async () => {
    const first = await digestJob();
    assert.equal(resultOf(first.stdout).kind, 'posted');
    assert.equal(channelPosts(bot).length, 1);
    assert.match(
      cardText(onlyCard(channelPosts(bot)[0].body?.activity as Record<string, unknown>)),
      /Training budget cut/,
    );

    const second = await digestJob();
    assert.equal(resultOf(second.stdout).kind, 'alreadyPosted');
    assert.equal(channelPosts(bot).length, 1);

    const forced = await digestJob('--force');
    assert.equal(resultOf(forced.stdout).kind, 'posted');
    assert.equal(channelPosts(bot).length, 2);
  });
});

describe('two digest job processes racing for the same week', () => {
  it('post exactly once', async () => {
    const bot = await installedBot();
    try {
      const job = () => runDigestJob(bot.tablePrefix);
      const results = await Promise.all([job(), job(), job()]);
      assert.deepEqual(results.map((result) => resultOf(result.stdout).kind).sort(), [
        'alreadyPosted',
        'alreadyPosted',
        'posted',
      ]);
      assert.equal(channelPosts(bot).length, 1);
    } finally {
      await bot.stop();
    }
  });
});

describe('the digest schedule', () => {
  const cases: [string, string, number][] = [
    ['a bot started on Monday 08:30, before the run, waits for the schedule', '2026-11-23T08:30:00Z', 0],
    ['a bot started on Monday 11:00 after missing 09:00 posts at once', '2026-11-23T11:00:00Z', 1],
    ['a bot down until Sunday evening still posts that week', '2026-11-29T20:00:00Z', 1],
    // British Summer Time: 09:00 in London is 08:00 UTC.
    ['in summer, Monday 08:30 UTC is already past 09:00 in London', '2026-06-22T08:30:00Z', 1],
    ['in summer, Monday 07:30 UTC is before 09:00 in London', '2026-06-22T07:30:00Z', 0],
  ];
  for (const [name, startedAt, expectedPosts] of cases) {
    it(name, async () => {
      const now = new Date(startedAt);
      const bot = await installedBot(() => now);
      const schedule = scheduleDigest(
        bot.bot.deps.digest,
        '0 9 * * 1',
        'Europe/London',
        () => now,
        bot.bot.logger,
      );
      try {
        await schedule.catchUp;
        assert.equal(channelPosts(bot).length, expectedPosts);
      } finally {
        schedule.stop();
        await bot.stop();
      }
    });
  }
});
