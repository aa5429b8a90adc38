import { strict as assert } from 'node:assert';
import { actionsOf, cardText, onlyCard } from '../../scripts/support/card-content';
import {
  botInstalledInChannel,
  channelMention,
  executeAction,
  personalConversation,
  personalMessage,
  type TestUser,
} from '../../scripts/support/teams-activities';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';
import { BotProcess } from '../support/bot-process';
import { statusReader } from '../support/plan-snapshot';
import {
  isNewConversation,
  RecordingConnector,
  sharedMessagesNow,
  type ConnectorCall,
} from '../support/recording-connector';
import { everyStoredRow } from '../support/table-rows';
import { startBoardBot } from '../support/board-bot';
import { chair, owner } from '../support/people';
import { TestBot } from '../support/test-bot';

const storedRows = everyStoredRow;

const isChannelPost = (call: ConnectorCall) => isNewConversation(call);
const isReplyTo = (activityId: string) => (call: ConnectorCall) =>
  call.method === 'POST' && call.body?.replyToId === activityId;

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}

type Send = (activity: Record<string, unknown>) => Promise<{ status: number }>;

/** The chair and the owner at one or more bots sharing a connector and tables. */
class RaceDesk {
  private secretNumber = 0;

  constructor(
    private readonly connector: () => RecordingConnector,
    private readonly tablePrefix: () => string,
    private readonly currentStatus: (actionId: string) => Promise<{ note?: string; version: number }>,
    private readonly family: string,
  ) {}

  /** The answer, which may follow the turn's HTTP answer (a turn longer than 5 s answers first, then replies). */
  async say(send: Send, user: TestUser, text: string): Promise<string> {
    const activity = personalMessage(this.connector().url, user, text);
    assert.equal((await send(activity)).status, 200);
    const replyTo = () =>
      this.connector()
        .sentActivities()
        .find((sent) => sent.replyToId === activity.id);
    await until(async () => replyTo() !== undefined, `an answer to "${text}"`);
    return cardText(onlyCard(replyTo()));
  }

  /** A note that names someone, stored as written after the warning; its change number. */
  async secretNote(send: Send): Promise<{ secret: string; version: number }> {
    const secret = `${this.family}${++this.secretNumber}x family seen`;
    const url = this.connector().url;
    const activity = personalMessage(url, owner, `update 5.1 red ${secret}`);
    await send(activity);
    const reply = this.connector()
      .sentActivities()
      .find((sent) => sent.replyToId === activity.id);
    const confirm = actionsOf(onlyCard(reply)).find((action) => action.data?.confirmPersonalData === true);
    if (confirm?.data)
      await send(executeAction(url, owner, 'updateStatus', confirm.data, personalConversation(owner)));
    const current = await this.currentStatus('5.1');
    assert.equal(current.note, secret);
    return { secret, version: current.version };
  }

  /** No stored row and no message in a channel shows it. */
  async assertGone(secret: string): Promise<void> {
    assert.deepEqual(
      (await storedRows(this.tablePrefix())).filter((row) => row.includes(secret)),
      [],
      'no stored copy',
    );
    assert.deepEqual(
      sharedMessagesNow(this.connector().calls).filter((message) => message.includes(secret)),
      [],
      'no message in a channel still shows it',
    );
  }

  async committed(version: number): Promise<void> {
    await until(async () => (await this.currentStatus('5.1')).version > version, 'the redaction committed');
  }
}

describe('redaction wins every race with posted cards (one instance)', function () {
  this.timeout(90_000);
  let bot: TestBot;

  before(async () => {
    bot = await startBoardBot({
      admins: [chair],
      owners: { '5.1': owner },
      boardChannel: true,
      sendBackoffMs: 5,
      reminderGapMs: 1,
      // Long enough that a loaded machine releasing the held post is still "while it waits"; the cases
      // where Teams answers only after the redaction pay this wait once each.
      sweepTimings: { pendingWaitMs: 5_000, pollMs: 25, pendingTrustMs: 120_000 },
    });
  });
  after(async () => bot.stop());

  const desk = new RaceDesk(
    () => bot.connector,
    () => bot.tablePrefix,
    (actionId) => bot.bot.stores.statusService.currentStatus(actionId),
    'Wexley',
  );
  const say = (user: TestUser, text: string) => desk.say((activity) => bot.send(activity), user, text);
  const secretNote = () => desk.secretNote((activity) => bot.send(activity));
  const assertGone = (secret: string) => desk.assertGone(secret);

  it('a digest drawn before the redaction, posted while it waits: swept before the redaction answers', async () => {
    const { secret, version } = await secretNote();
    bot.connector.reset();
    const post = bot.connector.hold(isChannelPost);
    const digest = bot.bot.useCases.weeklyDigest.run({ force: true });
    assert.match(JSON.stringify((await post.reached).body), new RegExp(secret), 'drawn with the note');
    const redaction = say(chair, `redact 5.1 #${version} because Named a family`);
    await desk.committed(version);
    post.release();
    const answer = await redaction;
    assert.equal((await digest).kind, 'posted');
    assert.match(answer, /redacted/i);
    assert.match(answer, /1 posted card updated/);
    await assertGone(secret);
  });

  it('a digest whose post Teams answers only after the redaction answered: swept by its poster', async () => {
    const { secret, version } = await secretNote();
    bot.connector.reset();
    const post = bot.connector.hold(isChannelPost);
    const digest = bot.bot.useCases.weeklyDigest.run({ force: true });
    await post.reached;
    const answer = await say(chair, `redact 5.1 #${version} because Named a family`);
    assert.match(answer, /being posted at this moment \(an extra digest in the board channel\)/);
    post.release();
    assert.equal((await digest).kind, 'posted');
    await assertGone(secret);
  });

  it('a redaction before the digest is drawn: the digest never shows it', async () => {
    const { secret, version } = await secretNote();
    bot.connector.reset();
    assert.match(await say(chair, `redact 5.1 #${version} because Named a family`), /redacted/i);
    assert.equal((await bot.bot.useCases.weeklyDigest.run({ force: true })).kind, 'posted');
    await assertGone(secret);
  });

  it('a show card in a channel is updated when the note it shows is redacted', async () => {
    const { secret, version } = await secretNote();
    bot.connector.reset();
    const show = channelMention(bot.serviceUrl, chair, 'show priority 5');
    await bot.send(show);
    assert.match(JSON.stringify(bot.connector.sentActivities()), new RegExp(secret), 'the card showed it');
    const answer = await say(chair, `redact 5.1 #${version} because Named a family`);
    assert.match(answer, /1 posted card updated/);
    await assertGone(secret);
  });

  it('a show card drawn before the redaction and answered by Teams after it: swept by its poster', async () => {
    const { secret, version } = await secretNote();
    bot.connector.reset();
    const show = channelMention(bot.serviceUrl, chair, 'show action 5.1');
    const reply = bot.connector.hold(isReplyTo(String(show.id)));
    const shown = bot.send(show);
    assert.match(JSON.stringify((await reply.reached).body), new RegExp(secret));
    assert.match(await say(chair, `redact 5.1 #${version} because Named a family`), /redacted/i);
    reply.release();
    assert.equal((await shown).status, 200);
    await assertGone(secret);
  });

  const storedCopiesOf = async (secret: string) =>
    (await storedRows(bot.tablePrefix)).filter((row) => row.includes(secret)).length;
  const unconfirmedKept = () =>
    until(
      async () =>
        (await storedRows(bot.tablePrefix)).some((row) => row.includes('"copyState":"unconfirmed"')),
      'the unanswered post kept on record',
    );

  it('a channel show card Teams posted but never answered in time: the redaction names it', async () => {
    const { secret, version } = await secretNote();
    bot.connector.reset();
    const show = channelMention(bot.serviceUrl, chair, 'show priority 5');
    bot.connector.neverAnswer(isReplyTo(String(show.id)), 1, true);
    assert.equal((await bot.send(show)).status, 200);
    await unconfirmedKept();
    const answer = await say(chair, `redact 5.1 #${version} because Named a family`);
    assert.match(answer, /Teams has not confirmed posting \(a priority card in a channel/);
    assert.equal(await storedCopiesOf(secret), 0, 'no stored copy');
  });

  it('a digest post retried after a 502 from a gateway that had posted it: both posts on record', async () => {
    const { secret, version } = await secretNote();
    bot.connector.reset();
    bot.connector.failNext({ match: isChannelPost, status: 502, times: 1, posted: true });
    assert.equal((await bot.bot.useCases.weeklyDigest.run({ force: true })).kind, 'posted');
    assert.equal(sharedMessagesNow(bot.connector.calls).length, 2, 'Teams shows it twice');
    const answer = await say(chair, `redact 5.1 #${version} because Named a family`);
    assert.match(answer, /1 posted card updated/);
    assert.match(answer, /Teams has not confirmed posting \(an extra digest in the board channel/);
    assert.equal(await storedCopiesOf(secret), 0, 'no stored copy');
  });

  it('a digest post that only ever got 504s from a gateway that posted it: the redaction names it', async () => {
    const { secret, version } = await secretNote();
    bot.connector.reset();
    bot.connector.failNext({ match: isChannelPost, status: 504, times: Infinity, posted: true });
    await assert.rejects(bot.bot.useCases.weeklyDigest.run({ force: true }));
    bot.connector.reset();
    const answer = await say(chair, `redact 5.1 #${version} because Named a family`);
    assert.match(answer, /Teams has not confirmed posting \(an extra digest in the board channel/);
    assert.equal(await storedCopiesOf(secret), 0, 'no stored copy');
  });

  it('a personal-chat answer to the asker is not tracked (it stays, as the docs say)', async () => {
    const before = (await storedRows(bot.tablePrefix)).filter((row) => row.includes('copy|')).length;
    await say(chair, 'show priority 5');
    const after = (await storedRows(bot.tablePrefix)).filter((row) => row.includes('copy|')).length;
    assert.equal(after, before);
  });

  it('Teams refusing the update is named; redacting again sweeps again and says what it found', async () => {
    const { secret, version } = await secretNote();
    bot.connector.reset();
    assert.equal((await bot.bot.useCases.weeklyDigest.run({ force: true })).kind, 'posted');
    bot.connector.failNext({ match: (call) => call.method === 'PUT', status: 403, times: 1 });
    const first = await say(chair, `redact 5.1 #${version} because Named a family`);
    assert.match(
      first,
      /1 posted card could not be updated in Teams and still show the old words: an extra digest in the board channel \(posted /,
    );
    assert.deepEqual(
      (await storedRows(bot.tablePrefix)).filter((row) => row.includes(secret)),
      [],
    );
    const again = await say(chair, `redact 5.1 #${version} because Named a family`);
    assert.match(again, /already redacted/i);
    assert.match(again, /1 posted card updated in Teams/);
    await assertGone(secret);
    const third = await say(chair, `redact 5.1 #${version} because Named a family`);
    assert.match(third, /no posted card or stored copy still shows it/);
  });
});

/** Two `node dist/bot/main.js` processes on one Azurite and one connector, the board channel set. */
interface Pair {
  connector: RecordingConnector;
  instances: BotProcess[];
  tablePrefix: string;
  desk: RaceDesk;
  send: (index: number) => Send;
}

async function startPair(family: string, env: Record<string, string> = {}): Promise<Pair> {
  const connector = new RecordingConnector();
  await connector.start();
  connector.meet(chair, owner);
  const { connectionString } = await sharedAzurite();
  const tablePrefix = uniqueTablePrefix();
  const options = { connectionString, tablePrefix, boardAdmins: [chair.email], env };
  const instances = await Promise.all([BotProcess.start(options), BotProcess.start(options)]);
  const reader = statusReader(loadPlan(shippedPlanFile), connectionString, tablePrefix, [chair.email]);
  const desk = new RaceDesk(
    () => connector,
    () => tablePrefix,
    (actionId) => reader.currentStatus(actionId),
    family,
  );
  const send = (index: number) => (activity: Record<string, unknown>) => instances[index].send(activity);
  await instances[0].send(botInstalledInChannel(connector.url, chair));
  await instances[0].send(channelMention(connector.url, chair, 'set board channel'));
  await desk.say(send(0), chair, `assign 5.1 to ${owner.email}`);
  return { connector, instances, tablePrefix, desk, send };
}

async function stopPair(pair: Pair | undefined): Promise<void> {
  if (!pair) return;
  await Promise.all(pair.instances.map((instance) => instance.stop()));
  await pair.connector.stop();
}

describe('redaction wins every race with posted cards (two bot processes on one Azurite)', function () {
  this.timeout(120_000);
  let pair: Pair | undefined;
  before(async () => {
    pair = await startPair('Brandling');
  });
  after(async () => stopPair(pair));
  const the = () => pair as Pair;
  const say = (index: number, user: TestUser, text: string) => the().desk.say(the().send(index), user, text);
  const secretNote = () => the().desk.secretNote(the().send(1));
  const assertGone = (secret: string) => the().desk.assertGone(secret);

  it('a digest posted by one instance while the other redacts: swept before the redaction answers', async () => {
    const { secret, version } = await secretNote();
    the().connector.reset();
    the().connector.meet(chair, owner);
    const post = the().connector.hold(isChannelPost);
    const digest = say(0, chair, 'post digest');
    assert.match(JSON.stringify((await post.reached).body), new RegExp(secret));
    const redaction = say(1, chair, `redact 5.1 #${version} because Named a family`);
    await the().desk.committed(version);
    post.release();
    // The redaction or the poster sweeps the card, whichever lists it second: either way, before the answer.
    assert.match(await redaction, /redacted/i);
    await assertGone(secret);
    await digest;
    await assertGone(secret);
  });

  it('a channel show card drawn on one instance, answered by Teams after the other redacted: swept', async () => {
    const { secret, version } = await secretNote();
    the().connector.reset();
    the().connector.meet(chair, owner);
    const show = channelMention(the().connector.url, chair, 'show priority 5');
    const reply = the().connector.hold(isReplyTo(String(show.id)));
    const shown = the().instances[0].send(show);
    assert.match(JSON.stringify((await reply.reached).body), new RegExp(secret));
    assert.match(await say(1, chair, `redact 5.1 #${version} because Named a family`), /redacted/i);
    reply.release();
    assert.equal((await shown).status, 200);
    await assertGone(secret);
  });
});

/**
 * A post Teams received but answered only after the bot stopped waiting for it (1 s here): the bot keeps
 * the attempt on record, so whatever Teams does with it later, a redaction finds it or names it.
 */
describe('redaction and a digest post that Teams answers after the bot stopped waiting', function () {
  this.timeout(120_000);
  let pair: Pair | undefined;
  let bot: TestBot;
  const late = { TEAMS_SEND_TIMEOUT_SECONDS: '1' };

  before(async () => {
    pair = await startPair('Tollemache', late);
    bot = await TestBot.start({
      env: { BOARD_ADMINS: chair.email, ...late },
      sweepTimings: { pendingWaitMs: 5_000, pollMs: 25, pendingTrustMs: 120_000 },
    });
    bot.meet(chair, owner);
    await bot.send(botInstalledInChannel(bot.serviceUrl, chair));
    await bot.send(channelMention(bot.serviceUrl, chair, 'set board channel'));
    await oneDesk.say(sendOne, chair, `assign 5.1 to ${owner.email}`);
  });
  after(async () => Promise.all([stopPair(pair), bot?.stop()]));

  const the = () => pair as Pair;
  const send = (index: number) => the().send(index);
  const oneDesk = new RaceDesk(
    () => bot.connector,
    () => bot.tablePrefix,
    (actionId) => bot.bot.stores.statusService.currentStatus(actionId),
    'Quennell',
  );
  const sendOne = (activity: Record<string, unknown>) => bot.send(activity);
  const lateAnswerRecorded = (prefix: string) =>
    until(
      async () => (await storedRows(prefix)).some((row) => row.includes('"copyState":"posted"')),
      'the late answer recorded',
    );
  const eventually = (desk: RaceDesk, secret: string) =>
    until(
      () =>
        desk.assertGone(secret).then(
          () => true,
          () => false,
        ),
      'every copy swept',
    );

  /** A note to redact, then a digest whose post Teams holds until its poster has given up waiting. */
  async function oneGivenUp() {
    const { secret, version } = await oneDesk.secretNote(sendOne);
    bot.connector.reset();
    const post = bot.connector.hold(isChannelPost);
    const digest = bot.bot.useCases.weeklyDigest.run({ force: true });
    await post.reached;
    await assert.rejects(digest, /did not answer/);
    return { secret, version, post };
  }

  /** The same across two instances: the first is told "post digest", the second later redacts. */
  async function pairGivenUp() {
    const { secret, version } = await the().desk.secretNote(send(1));
    the().connector.reset();
    the().connector.meet(chair, owner);
    const post = the().connector.hold(isChannelPost);
    const digest = the().desk.say(send(0), chair, 'post digest');
    await post.reached;
    assert.doesNotMatch(await digest, /Digest posted/);
    return { secret, version, post };
  }

  it('one instance: Teams answers after the redaction; the redaction names the post, its poster sweeps it', async () => {
    const { secret, version, post } = await oneGivenUp();
    const answer = await oneDesk.say(sendOne, chair, `redact 5.1 #${version} because Named a family`);
    assert.match(answer, /an extra digest in the board channel/);
    assert.match(answer, /Teams has not confirmed/);
    post.release();
    await eventually(oneDesk, secret);
    assert.equal(bot.connector.calls.filter(isChannelPost).length, 1, 'posted once');
  });

  it('one instance: Teams answers late, before the redaction; the redaction updates the post', async () => {
    const { secret, version, post } = await oneGivenUp();
    post.release();
    await until(async () => sharedMessagesNow(bot.connector.calls).length === 1, 'the post answered');
    await lateAnswerRecorded(bot.tablePrefix);
    const answer = await oneDesk.say(sendOne, chair, `redact 5.1 #${version} because Named a family`);
    assert.match(answer, /1 posted card updated/);
    await oneDesk.assertGone(secret);
  });

  it('two instances: one posts and gives up waiting, the other redacts, Teams answers last', async () => {
    const { secret, version, post } = await pairGivenUp();
    const answer = await the().desk.say(send(1), chair, `redact 5.1 #${version} because Named a family`);
    assert.match(answer, /Teams has not confirmed/);
    post.release();
    await eventually(the().desk, secret);
    assert.equal(the().connector.calls.filter(isChannelPost).length, 1, 'posted once');
  });

  it('two instances: Teams answers late, before the other instance redacts', async () => {
    const { secret, version, post } = await pairGivenUp();
    post.release();
    await until(async () => sharedMessagesNow(the().connector.calls).length === 1, 'the post answered');
    await lateAnswerRecorded(the().tablePrefix);
    assert.match(
      await the().desk.say(send(1), chair, `redact 5.1 #${version} because Named a family`),
      /1 posted card updated/,
    );
    await the().desk.assertGone(secret);
  });
});
