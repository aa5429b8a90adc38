import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { scheduleDigest } from '../../bot/digest-schedule';
import { sharedAzurite } from '../support/azurite';
import { cardText, onlyCard } from '../../scripts/support/card-content';
import {
  BOARD_CHANNEL_ID,
  channelMention,
  personalMessage,
  testUser,
} from '../../scripts/support/teams-activities';
import { repoRoot, shippedPlanFile } from '../../scripts/support/repo-paths';
import { loadPlan } from '../../plan/load-plan';
import { isNewConversation } from '../support/recording-connector';
import { TestBot } from '../support/test-bot';

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const chair = testUser('Chris Chair', 'chair@oscb.example');

interface JobRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `npm run digest` as an external scheduler runs it: its own process, on the test's tables. */
function startDigestJob(
  tablePrefix: string,
  connectionString: string,
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<JobRun> } {
  const script = path.join(repoRoot, 'dist', 'bot', 'digest-main.js');
  const child = spawn(process.execPath, [script, ...args], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      AZURE_STORAGE_CONNECTION_STRING: connectionString,
      TABLE_PREFIX: tablePrefix,
      PLAN_FILE: shippedPlanFile,
      BOARD_ADMINS: chair.email,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // A job that hangs is a failure to show, not a test that never ends.
  const limit = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const done = new Promise<JobRun>((resolve) =>
    child.once('exit', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { child, done };
}

async function runDigestJob(tablePrefix: string, ...args: string[]): Promise<JobRun> {
  return digestJobWith(tablePrefix, {}, ...args);
}

async function digestJobWith(
  tablePrefix: string,
  env: Record<string, string>,
  ...args: string[]
): Promise<JobRun> {
  return startDigestJob(tablePrefix, (await sharedAzurite()).connectionString, args, env).done;
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
const channelPosts = (bot: TestBot) => bot.connector.channelPosts(BOARD_CHANNEL_ID);

async function installedBot(clock?: () => Date): Promise<TestBot> {
  const bot = await TestBot.start({
    env: { BOARD_ADMINS: chair.email },
    clock,
    sendBackoffMs: 5,
    reminderGapMs: 1,
  });
  bot.meet(chair);
  await bot.send(channelMention(bot.serviceUrl, chair, 'set board channel'));
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

  it('--dry-run prints the digest as text a person reads, and posts nothing', async () => {
    const { stdout, code } = await digestJob('--dry-run');
    assert.equal(code, 0);
    assert.match(stdout, /^Weekly digest · Week \d+/);
    assert.match(stdout, /Red 1 · Amber 0 · Green 0 · Complete 0 · Not started 15/);
    assert.match(stdout, /Red and amber\n {2}Red 6\.1 .*\n.*\n {6}Training budget cut; options to board/);
    assert.doesNotMatch(stdout, /[{}]/, 'no JSON');
    const plan = loadPlan(shippedPlanFile);
    for (const priority of plan.priorities) {
      assert.ok(
        stdout.includes(`Priority ${priority.number} ${priority.title}: `),
        `priority ${priority.number}`,
      );
    }
    assert.ok(stdout.split('\n').length < 80, 'a screenful or two, not 1,900 lines');
    assert.equal(bot.connector.calls.length, 0, 'no call to Teams');
  });

  it('--dry-run --json prints the card', async () => {
    const { stdout, code } = await digestJob('--dry-run', '--json');
    assert.equal(code, 0);
    const card = JSON.parse(stdout) as Record<string, unknown>;
    assert.equal(card.type, 'AdaptiveCard');
    assert.match(cardText(card), /Training budget cut; options to board/);
  });

  it('posts once, and a second run in the same week posts nothing; --force posts an extra', async function () {
    // Three job processes, one after another, on a shared machine.
    this.timeout(120_000);
    const first = await digestJob();
    assert.equal(first.code, 0);
    assert.equal(resultOf(first.stdout).kind, 'posted');
    assert.equal(channelPosts(bot).length, 1);
    assert.match(
      cardText(onlyCard(channelPosts(bot)[0].body?.activity as Record<string, unknown>)),
      /Training budget cut/,
    );

    const second = await digestJob();
    assert.equal(second.code, 0, 'the digest is in the channel');
    assert.equal(resultOf(second.stdout).kind, 'alreadyPosted');
    assert.equal(channelPosts(bot).length, 1);

    const forced = await digestJob('--force');
    assert.equal(resultOf(forced.stdout).kind, 'posted');
    assert.equal(channelPosts(bot).length, 2);
  });
});

describe('the digest job exits 0 only when the digest is in the channel', () => {
  it('a job killed (-9) mid-post holds the week only for its lease: a rerun meanwhile exits non-zero, one after it posts', async function () {
    this.timeout(180_000);
    const bot = await installedBot();
    const { connectionString } = await sharedAzurite();
    const lease = { DIGEST_LEASE_SECONDS: '10' };
    try {
      bot.connector.neverAnswer(isNewConversation, 1);
      const crashing = startDigestJob(bot.tablePrefix, connectionString, [], {
        ...lease,
        TEAMS_SEND_TIMEOUT_SECONDS: '120',
      });
      await until(() => channelPosts(bot).length === 1, 60_000);

      // The first job is alive and renewing its lease: a run that will not wait says so and fails.
      const impatient = await digestJobWith(bot.tablePrefix, lease, '--wait', '0');
      assert.equal(impatient.code, 1, impatient.stdout + impatient.stderr);
      assert.equal(resultOf(impatient.stdout).kind, 'inProgressElsewhere');
      assert.match(impatient.stderr, /another run .* is posting .* digest/);

      crashing.child.kill('SIGKILL');
      assert.equal((await crashing.done).signal, 'SIGKILL');

      // The dead job's lease runs out within 10 s; a rerun waits for that and posts.
      const rerun = await digestJobWith(bot.tablePrefix, lease);
      assert.equal(rerun.code, 0, rerun.stdout + rerun.stderr);
      assert.equal(resultOf(rerun.stdout).kind, 'posted');
      assert.equal(channelPosts(bot).length, 2, "the dead job's unanswered post and the rerun's");

      const after = await digestJobWith(bot.tablePrefix, lease);
      assert.equal(after.code, 0);
      assert.equal(resultOf(after.stdout).kind, 'alreadyPosted');
      assert.equal(channelPosts(bot).length, 2);
    } finally {
      await bot.stop();
    }
  });

  it('a connector that accepts and never answers: the job fails within the timeout, exits 1, and gives the week back', async function () {
    this.timeout(120_000);
    const bot = await installedBot();
    try {
      bot.connector.neverAnswer(isNewConversation);
      const hung = await digestJobWith(bot.tablePrefix, { TEAMS_SEND_TIMEOUT_SECONDS: '1' });
      assert.equal(hung.code, 1, hung.stdout + hung.stderr);
      assert.match(hung.stderr, /Teams did not answer a new channel post within 1 s/);
      assert.match(hung.stderr, /claim was given back/);

      bot.connector.reset();
      const next = await digestJobWith(bot.tablePrefix, {}, '--wait', '0');
      assert.equal(next.code, 0, next.stdout + next.stderr);
      assert.equal(resultOf(next.stdout).kind, 'posted');
    } finally {
      await bot.stop();
    }
  });

  it('with no board channel it posts nowhere, tells the admins, and exits 1', async function () {
    this.timeout(60_000);
    const bot = await TestBot.start({ env: { BOARD_ADMINS: chair.email } });
    try {
      bot.meet(chair);
      await bot.send(personalMessage(bot.serviceUrl, chair, 'help'));
      bot.connector.reset();
      const job = await runDigestJob(bot.tablePrefix);
      assert.equal(job.code, 1);
      assert.match(job.stderr, /no board channel has been set\. 1 admin told/);
      assert.deepEqual(
        bot.connector.calls.map((call) => `${call.method} ${call.path}`),
        [`POST /v3/conversations/a:personal-${chair.id}/activities`],
      );
      assert.match(cardText(onlyCard(bot.connector.calls[0].body)), /set board channel/);
    } finally {
      await bot.stop();
    }
  });
});

describe("the digest job and the yearly report's sign-offs", () => {
  it('tells a lead partner once, after the digest, that the record changed after their sign-off', async function () {
    this.timeout(120_000);
    const partner = testUser('Dana Lee', 'dana.lee@tvp.example');
    const env = { LEAD_PARTNERS: `Thames Valley Police=${partner.email}` };
    const bot = await TestBot.start({ env: { BOARD_ADMINS: chair.email, ...env }, sendBackoffMs: 5 });
    try {
      bot.meet(chair, partner);
      await bot.send(channelMention(bot.serviceUrl, chair, 'set board channel'));
      const signed = await bot.send(
        personalMessage(bot.serviceUrl, partner, 'sign off yearly report 2026-27'),
      );
      assert.equal(signed.status, 200);
      await bot.send(personalMessage(bot.serviceUrl, chair, 'update 6.1 red Training budget cut'));
      bot.connector.reset();
      const toPartner = () =>
        bot.connector.calls.filter(
          (call) =>
            call.method === 'POST' && call.path === `/v3/conversations/a:personal-${partner.id}/activities`,
        );
      const first = await digestJobWith(bot.tablePrefix, env);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(toPartner().length, 1, 'told after the first run');
      assert.match(cardText(onlyCard(toPartner()[0].body)), /your sign-off is for an earlier version/);
      await digestJobWith(bot.tablePrefix, env, '--force');
      assert.equal(toPartner().length, 1, 'and only once');
    } finally {
      await bot.stop();
    }
  });
});

describe('two digest job processes racing for the same week', () => {
  it('post exactly once', async function () {
    // Three Node processes starting at once on a shared machine.
    this.timeout(120_000);
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

/** The default schedule, Monday 09:00 London, at a fixed time. */
const mondayAtNine = (bot: TestBot, now: Date, retryMs?: number) =>
  scheduleDigest(bot.bot.useCases.weeklyDigest, '0 9 * * 1', 'Europe/London', () => now, bot.bot.logger, {
    retryMs,
  });

describe('the digest schedule', () => {
  it('a scheduled run that fails (Teams answers 400) is retried the same week and posts', async () => {
    const now = new Date('2026-11-23T11:00:00Z');
    const bot = await installedBot(() => now);
    bot.connector.failNext({
      match: isNewConversation,
      status: 400,
      times: 1,
    });
    const schedule = mondayAtNine(bot, now, 50);
    try {
      await schedule.catchUp;
      await until(() => channelPosts(bot).length === 2, 20_000);
      await until(async () => (await bot.bot.stores.postedDigests.list()).length === 1, 20_000);
      assert.ok(
        bot.logs.lines.some((line) => line.msg === 'scheduled digest failed; it is retried this week'),
        'the first run failed',
      );
    } finally {
      schedule.stop();
      await bot.stop();
    }
  });

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
      const schedule = mondayAtNine(bot, now);
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
