import { strict as assert } from 'node:assert';
import { cardText, onlyCard } from '../../scripts/support/card-content';
import {
  executeAction,
  personalConversation,
  personalMessage,
  testUser,
  type TestUser,
} from '../../scripts/support/teams-activities';
import { postJsonFresh } from '../support/fair-http';
import { actionIdsOf, assertConsistent, planSnapshot } from '../support/plan-snapshot';
import { TestBot } from '../support/test-bot';
import { fieldsOf } from '../support/history-fields';

const CONVERSATIONS = 100;
/** Turns per conversation, one after another; all conversations at once. */
const TURNS_PER_CONVERSATION = 5;
/** Far above what a healthy run needs (about 1 s here): only a stall or a pile-up trips it. */
const P95_LIMIT_MS = 10_000;
const RAGS = ['red', 'amber', 'green', 'complete'] as const;

/** A small seeded PRNG (mulberry32), so a failing run can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Role = 'admin' | 'owner' | 'member';
interface Participant {
  user: TestUser;
  role: Role;
  ownActionId?: string;
}

type Outcome = 'saved' | 'busy' | 'refused' | 'changedSinceForm' | 'shown';

/** What a reply to an update may say, and what it means. */
const UPDATE_REPLIES: [RegExp, Outcome][] = [
  [/Saved:/, 'saved'],
  [/Please try again/, 'busy'],
  [/Only the owner or a board admin can update this action/, 'refused'],
  [/Status changed to .* submit anyway\?/, 'changedSinceForm'],
];

describe('reliability: 100 concurrent conversations', function () {
  this.timeout(60_000);
  let bot: TestBot;
  const seed = Number(process.env.LOAD_SEED ?? 20180601);

  const participants: Participant[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    const admins = [0, 1].map((index) => testUser(`Admin ${index}`, `admin${index}@oscb.example`));
    bot = await TestBot.start({
      env: { BOARD_ADMINS: admins.map((admin) => admin.email).join(','), LOG_LEVEL: 'warn' },
    });
    const actionIds = actionIdsOf(bot.bot.plan);
    for (const admin of admins) participants.push({ user: admin, role: 'admin' });
    actionIds.forEach((actionId, index) =>
      participants.push({
        user: testUser(`Owner ${index}`, `owner${index}@agency.example`),
        role: 'owner',
        ownActionId: actionId,
      }),
    );
    while (participants.length < CONVERSATIONS) {
      const index = participants.length;
      participants.push({
        user: testUser(`Member ${index}`, `member${index}@agency.example`),
        role: 'member',
      });
    }
    bot.meet(...participants.map((participant) => participant.user));
    for (const participant of participants.filter((candidate) => candidate.role === 'owner')) {
      const response = await bot.send(
        personalMessage(
          bot.serviceUrl,
          admins[0],
          `assign ${participant.ownActionId} to ${participant.user.email}`,
        ),
      );
      assert.equal(response.status, 200);
    }
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await bot.stop();
  });

  it('serves a mix of reads and updates without 5xx, unhandled rejections or lost updates', async function () {
    const actionIds = actionIdsOf(bot.bot.plan);
    const acknowledged = new Map<string, Set<string>>(actionIds.map((id) => [id, new Set<string>()]));
    const counts = new Map<Outcome, number>();
    const latencies: number[] = [];

    const send = (activity: Record<string, unknown>) => postJsonFresh(`${bot.url}/api/messages`, activity);
    const repliesIn = (conversationId: string) =>
      bot.connector
        .sentActivities()
        .filter((activity) => (activity.conversation as { id?: string } | undefined)?.id === conversationId);

    async function typed(participant: Participant, text: string): Promise<string> {
      const conversationId = personalConversation(participant.user).id as string;
      const before = repliesIn(conversationId).length;
      const started = Date.now();
      const response = await send(personalMessage(bot.serviceUrl, participant.user, text));
      latencies.push(Date.now() - started);
      assert.equal(response.status, 200, `"${text}" answered ${response.status}`);
      const replies = repliesIn(conversationId);
      assert.equal(replies.length, before + 1, `one reply to "${text}"`);
      return cardText(onlyCard(replies[replies.length - 1]));
    }

    async function byCard(participant: Participant, data: Record<string, unknown>): Promise<string> {
      const started = Date.now();
      const response = await send(
        executeAction(
          bot.serviceUrl,
          participant.user,
          'updateStatus',
          data,
          personalConversation(participant.user),
        ),
      );
      latencies.push(Date.now() - started);
      assert.equal(response.status, 200, `card update answered ${response.status}`);
      return cardText((response.body as { value: Record<string, unknown> }).value);
    }

    function classify(reply: string, what: string): Outcome {
      const outcome = UPDATE_REPLIES.find(([pattern]) => pattern.test(reply))?.[1];
      assert.ok(outcome, `an expected answer to ${what}, got: ${reply}`);
      return outcome;
    }

    async function converse(participant: Participant, index: number): Promise<void> {
      // One generator per conversation: the same seed gives the same turns whatever the interleaving.
      const random = seededRandom(seed + index);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
      for (let turn = 0; turn < TURNS_PER_CONVERSATION; turn++) {
        const roll = random();
        const updates = participant.role === 'member' ? 0.1 : 0.5;
        let outcome: Outcome = 'shown';
        if (roll < updates) {
          const actionId = participant.ownActionId ?? pick(actionIds);
          const note = `load c${index} t${turn}`;
          const rag = pick(RAGS);
          let reply: string;
          if (participant.role === 'owner' && random() < 0.3) {
            const { version } = await bot.bot.stores.statusService.currentStatus(actionId);
            reply = await byCard(participant, {
              actionId,
              baseVersion: version,
              rag,
              note,
              correctiveAction: note,
            });
          } else {
            reply = await typed(participant, `update ${actionId} ${rag} ${note}`);
          }
          outcome = classify(reply, `${participant.role}'s update of ${actionId}`);
          if (participant.role === 'member') assert.equal(outcome, 'refused', 'a member cannot update');
          if (outcome === 'saved') acknowledged.get(actionId)?.add(note);
        } else {
          const reads = [
            'show plan',
            `show priority ${1 + Math.floor(random() * bot.bot.plan.priorities.length)}`,
            `show action ${participant.ownActionId ?? pick(actionIds)}`,
            `history ${pick(actionIds)}`,
            'my actions',
          ];
          const text = pick(reads);
          const reply = await typed(participant, text);
          assert.doesNotMatch(
            reply,
            /can't reach|Sorry, I didn't understand/,
            `"${text}" answered: ${reply}`,
          );
        }
        counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
      }
    }

    await Promise.all(participants.map((participant, index) => converse(participant, index)));

    assert.deepEqual(unhandled, [], 'no unhandled rejection');
    const turns = latencies.length;
    assert.equal(turns, CONVERSATIONS * TURNS_PER_CONVERSATION, 'every turn answered');
    assert.ok((counts.get('saved') ?? 0) >= 20, `many updates saved: ${JSON.stringify([...counts])}`);

    const snapshot = await planSnapshot(bot.bot.stores.statusService, bot.bot.plan);
    assertConsistent(snapshot);
    for (const actionId of actionIds) {
      const stored = snapshot[actionId].history
        .filter((entry) => entry.kind === 'status')
        .map((entry) => entry.note ?? '');
      assert.equal(new Set(stored).size, stored.length, `${actionId}: no note stored twice`);
      assert.deepEqual(
        new Set(stored),
        acknowledged.get(actionId),
        `${actionId}: every acknowledged update is in history, and nothing else`,
      );
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)];
    assert.ok(p95 < P95_LIMIT_MS, `p95 turn latency ${p95} ms`);
    this.test!.title += ` [${turns} turns, ${JSON.stringify(Object.fromEntries(counts))}, median ${sorted[Math.floor(sorted.length / 2)]} ms, p95 ${p95} ms, max ${sorted.at(-1)} ms, seed ${seed}]`;
  });
});

describe('reliability: 200 concurrent typed updates to one action on one instance', function () {
  this.timeout(120_000);
  const UPDATES = 200;
  const ACTION = '5.1';
  let bot: TestBot;
  const owner = testUser('Only Owner', 'only.owner@agency.example');
  const admins = Array.from({ length: 9 }, (_, index) =>
    testUser(`Board Admin ${index}`, `board.admin${index}@oscb.example`),
  );

  before(async () => {
    bot = await TestBot.start({
      env: { BOARD_ADMINS: admins.map((admin) => admin.email).join(','), LOG_LEVEL: 'warn' },
    });
    bot.meet(owner, ...admins);
    const response = await bot.send(
      personalMessage(bot.serviceUrl, admins[0], `assign ${ACTION} to ${owner.email}`),
    );
    assert.equal(response.status, 200);
  });
  after(async () => bot.stop());

  it('saves every one: nobody told to try again, all in history, current = newest', async function () {
    const people = [owner, ...admins];
    const before = await bot.bot.stores.statusService.history(ACTION, 1000);
    const latencies: number[] = [];
    const updates = Array.from({ length: UPDATES }, (_, index) => ({
      user: people[index % people.length],
      note: `contended note ${index}`,
      rag: RAGS[index % RAGS.length],
    }));
    const replies = await Promise.all(
      updates.map(async ({ user, note, rag }) => {
        const activity = personalMessage(bot.serviceUrl, user, `update ${ACTION} ${rag} ${note}`);
        const started = Date.now();
        const response = await postJsonFresh(`${bot.url}/api/messages`, activity);
        latencies.push(Date.now() - started);
        assert.equal(response.status, 200);
        const reply = bot.connector
          .sentActivities()
          .find((sent) => (sent.replyToId as string | undefined) === activity.id);
        assert.ok(reply, `a reply to "${note}"`);
        return cardText(onlyCard(reply));
      }),
    );
    const retry = replies.filter((text) => /try again/i.test(text));
    assert.deepEqual(retry, [], 'nobody is told to try again');
    assert.equal(replies.filter((text) => /Saved:/.test(text)).length, UPDATES, 'every update saved');

    const history = await bot.bot.stores.statusService.history(ACTION, 1000);
    assert.equal(history.length - before.length, UPDATES, 'every update is in history once');
    assert.deepEqual(
      new Set(history.slice(0, UPDATES).map((entry) => fieldsOf(entry).note)),
      new Set(updates.map((update) => update.note)),
    );
    assertConsistent(await planSnapshot(bot.bot.stores.statusService, bot.bot.plan));
    const sorted = [...latencies].sort((a, b) => a - b);
    this.test!.title += ` [p50 ${sorted[Math.floor(UPDATES / 2)]} ms, p99 ${sorted[Math.floor(UPDATES * 0.99)]} ms, max ${sorted.at(-1)} ms]`;
  });
});
