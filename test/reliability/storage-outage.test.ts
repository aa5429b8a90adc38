import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startAzurite, type AzuriteProcess } from '../../storage/azurite-process';
import { actionsOf, cardText, onlyCard } from '../../scripts/support/card-content';
import {
  executeAction,
  personalConversation,
  personalMessage,
  testUser,
  type TestUser,
} from '../../scripts/support/teams-activities';
import { assertConsistent, planSnapshot } from '../support/plan-snapshot';
import { sharedAzurite } from '../support/azurite';
import { StoreProxy } from '../support/store-proxy';
import { startBoardBot } from '../support/board-bot';
import { chair, owner } from '../support/people';
import { TestBot } from '../support/test-bot';

const newcomer = testUser('Nina New', 'nina.new@agency.example');

const STORE_DOWN = /can't reach the plan store right now/;
/** The table client retries twice (100 ms, then up to 800 ms); a degraded turn must not hang. */
const DEGRADED_TURN_MS = 3000;

describe('reliability: the plan store goes away and comes back', function () {
  this.timeout(60_000);
  let directory: string;
  let port: number;
  let azurite: AzuriteProcess;
  let bot: TestBot;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  /** Notes the bot said it saved ("Saved: ..."), in order. */
  const acknowledged: string[] = [];

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-outage-'));
    port = await freePort();
    azurite = await startAzurite({ port, directory });
    bot = await startBoardBot({
      connectionString: azurite.connectionString,
      admins: [chair],
      others: [owner, newcomer],
    });
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await bot?.stop();
    await azurite?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  async function say(user: TestUser, text: string): Promise<{ text: string; ms: number }> {
    const sentBefore = bot.connector.sentActivities().length;
    const started = Date.now();
    const response = await bot.send(personalMessage(bot.serviceUrl, user, text));
    const ms = Date.now() - started;
    assert.equal(response.status, 200, `HTTP 200 for "${text}", got ${response.status}`);
    const sent = bot.connector.sentActivities();
    assert.equal(sent.length, sentBefore + 1, `one reply to "${text}"`);
    return { text: cardText(onlyCard(sent[sent.length - 1])), ms };
  }

  async function submitForm(user: TestUser, data: unknown): Promise<{ text: string; ms: number }> {
    const started = Date.now();
    const response = await bot.send(
      executeAction(bot.serviceUrl, user, 'updateStatus', data, personalConversation(user)),
    );
    const ms = Date.now() - started;
    assert.equal(response.status, 200);
    return { text: cardText((response.body as { value: Record<string, unknown> }).value), ms };
  }

  async function health(): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${bot.url}/healthz`);
    return { status: response.status, body: await response.json() };
  }

  const history = () => bot.bot.stores.statusService.history('5.1', 1000);
  let formData: Record<string, unknown> | undefined;

  it('takes updates while the store is up', async () => {
    assert.match((await say(chair, `assign 5.1 to ${owner.email}`)).text, /assigned/);
    const typed = await say(owner, 'update 5.1 amber Before the outage, typed');
    assert.match(typed.text, /Saved:/);
    acknowledged.push('Before the outage, typed');
    const card = onlyCard(bot.connector.sentActivities().at(-1));
    formData = actionsOf(card).find((action) => action.verb === 'updateStatus')?.data;
    assert.ok(formData, 'the owner got a form');
    const byCard = await submitForm(owner, { ...formData, rag: 'green', note: 'Before the outage, by card' });
    assert.match(byCard.text, /Saved:/);
    acknowledged.push('Before the outage, by card');
    assert.deepEqual((await health()).status, 200);
  });

  describe('while Azurite is stopped', () => {
    before(async () => azurite.stop());

    it('answers a typed update with a short "can\'t reach the plan store" card, quickly', async () => {
      const reply = await say(owner, 'update 5.1 red During the outage, typed');
      assert.match(reply.text, STORE_DOWN);
      assert.match(reply.text, /Nothing was saved/);
      assert.ok(reply.ms < DEGRADED_TURN_MS, `degraded typed turn took ${reply.ms} ms`);
    });

    it('answers a read ("show priority 5") the same way', async () => {
      const reply = await say(chair, 'show priority 5');
      assert.match(reply.text, STORE_DOWN);
      assert.ok(reply.ms < DEGRADED_TURN_MS, `degraded read took ${reply.ms} ms`);
    });

    it('answers someone new (whose chat the bot has not recorded yet) the same way', async () => {
      const reply = await say(newcomer, 'help');
      assert.match(reply.text, STORE_DOWN);
    });

    it('answers an Action.Execute form submit with the same card, as the invoke response', async () => {
      const reply = await submitForm(owner, { ...formData, rag: 'red', note: 'During the outage, by card' });
      assert.match(reply.text, STORE_DOWN);
      assert.ok(reply.ms < DEGRADED_TURN_MS, `degraded invoke took ${reply.ms} ms`);
    });

    it('reports 503 with the store down on /healthz', async () => {
      const started = Date.now();
      const report = await health();
      assert.equal(report.status, 503);
      assert.deepEqual(report.body, { status: 'degraded', store: 'down' });
      assert.ok(Date.now() - started < DEGRADED_TURN_MS);
    });

    it('keeps the process up and raises no unhandled rejection', () => {
      assert.deepEqual(unhandled, []);
      assert.ok(bot.bot.server.server.listening);
    });
  });

  describe('after Azurite restarts on the same port and data', () => {
    before(async () => {
      azurite = await startAzurite({ port, directory });
    });

    it('reports healthy again without a restart of the bot', async () => {
      assert.deepEqual(await health(), { status: 200, body: { status: 'ok', store: 'up' } });
    });

    it('takes the next typed and card updates', async () => {
      const typed = await say(owner, 'update 5.1 amber After the outage, typed');
      assert.match(typed.text, /Saved:/);
      acknowledged.push('After the outage, typed');
      const current = await bot.bot.stores.statusService.currentStatus('5.1');
      const byCard = await submitForm(owner, {
        actionId: '5.1',
        baseVersion: current.version,
        rag: 'green',
        note: 'After the outage, by card',
      });
      assert.match(byCard.text, /Saved:/);
      acknowledged.push('After the outage, by card');
    });

    it('lost no acknowledged update and stored nothing it refused', async () => {
      const notes = (await history()).filter((entry) => entry.kind === 'status').map((entry) => entry.note);
      assert.deepEqual(notes, [...acknowledged].reverse(), 'exactly the acknowledged notes, newest first');
      assertConsistent(await planSnapshot(bot.bot.stores.statusService, bot.bot.plan));
      assert.deepEqual(unhandled, []);
    });
  });
});

describe('reliability: the plan store accepts connections but never answers', function () {
  this.timeout(20_000);
  let proxy: StoreProxy;
  let bot: TestBot;

  before(async () => {
    proxy = new StoreProxy((await sharedAzurite()).port);
    await proxy.start();
    bot = await TestBot.start({ connectionString: proxy.connectionString });
    bot.meet(owner);
    proxy.blackhole();
  });
  after(async () => {
    await bot?.stop();
    await proxy?.stop();
  });

  // Every storage request has a timeout (storage/table-clients.ts), so a silent store is reported, not waited on.
  it('answers a turn and /healthz within 5 s', async () => {
    const started = Date.now();
    const turn = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(personalMessage(bot.serviceUrl, owner, 'show plan')),
      signal: AbortSignal.timeout(5000),
    });
    assert.equal(turn.status, 200);
    assert.match(cardText(onlyCard(bot.connector.sentActivities().at(-1))), STORE_DOWN);
    const health = await fetch(`${bot.url}/healthz`, { signal: AbortSignal.timeout(5000) });
    assert.equal(health.status, 503);
    assert.ok(Date.now() - started < 10_000);
  });
});
