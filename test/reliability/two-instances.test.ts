import { strict as assert } from 'node:assert';
import { loadPlan } from '../../plan/load-plan';
import { personalMessage, testUser, type TestUser } from '../../scripts/support/teams-activities';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';
import { BotProcess } from '../support/bot-process';
import { cardText, onlyCard } from '../../scripts/support/card-content';
import { shippedPlanFile } from '../../scripts/support/repo-paths';
import { assertConsistent, planSnapshot, statusReader } from '../support/plan-snapshot';
import { RecordingConnector } from '../support/recording-connector';
import { fieldsOf } from '../support/history-fields';

const chair = testUser('Chris Chair', 'chair@oscb.example');
const owner = testUser('Olive Owner', 'olive.owner@agency.example');
const ACTION = '6.1';

describe('reliability: two bot processes on one storage account', function () {
  this.timeout(60_000);
  const connector = new RecordingConnector();
  const plan = loadPlan(shippedPlanFile);
  let instances: BotProcess[] = [];
  let reader: ReturnType<typeof statusReader>;

  before(async () => {
    await connector.start();
    connector.meet(chair, owner);
    const { connectionString } = await sharedAzurite();
    const tablePrefix = uniqueTablePrefix();
    const options = { connectionString, tablePrefix, boardAdmins: [chair.email] };
    instances = await Promise.all([BotProcess.start(options), BotProcess.start(options)]);
    reader = statusReader(plan, connectionString, tablePrefix, [chair.email]);
  });
  after(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await connector.stop();
  });

  const repliesTo = (user: TestUser) =>
    connector
      .sentActivities()
      .filter(
        (activity) => (activity.conversation as { id?: string } | undefined)?.id === `a:personal-${user.id}`,
      );

  async function say(instance: BotProcess, user: TestUser, text: string): Promise<string> {
    const before = repliesTo(user).length;
    const response = await instance.send(personalMessage(connector.url, user, text));
    assert.equal(response.status, 200, `"${text}": ${response.status}`);
    const replies = repliesTo(user);
    assert.equal(replies.length, before + 1, `one reply to "${text}"`);
    return cardText(onlyCard(replies[replies.length - 1]));
  }

  it('runs as two processes with their own PIDs', () => {
    assert.equal(instances.length, 2);
    assert.notEqual(instances[0].pid, instances[1].pid);
    assert.ok(instances.every((instance) => instance.pid > 0));
  });

  it('shows on one instance what was written on the other, at once', async () => {
    const [first, second] = instances;
    assert.match(await say(first, chair, `assign ${ACTION} to ${owner.email}`), /assigned/);
    assert.match(await say(second, owner, `update ${ACTION} amber Written through instance two`), /Saved:/);
    assert.match(await say(first, chair, `show action ${ACTION}`), /Written through instance two/);
    assert.match(await say(first, owner, `update ${ACTION} green Written through instance one`), /Saved:/);
    assert.match(await say(second, chair, `show action ${ACTION}`), /Written through instance one/);
  });

  it('loses no update when both instances take interleaved concurrent updates to one action', async function () {
    const before = await reader.history(ACTION, 1000);
    const updates = Array.from({ length: 24 }, (_, index) => ({
      instance: instances[index % 2],
      user: index % 3 === 0 ? chair : owner,
      text: `update ${ACTION} ${['red', 'amber', 'green'][index % 3]} two-instance note ${index}`,
    }));
    const sentBefore = connector.sentActivities().length;
    const responses = await Promise.all(
      updates.map(({ instance, user, text }) => instance.send(personalMessage(connector.url, user, text))),
    );
    assert.deepEqual(
      responses.map((response) => response.status),
      updates.map(() => 200),
    );
    const replies = connector
      .sentActivities()
      .slice(sentBefore)
      .map((activity) => cardText(onlyCard(activity)));
    assert.equal(replies.length, updates.length, 'one reply per update');
    const saved = replies.filter((text) => /Saved:/.test(text));
    const retry = replies.filter((text) => /try again/i.test(text));
    assert.deepEqual(retry, [], 'nobody is told to try again');
    assert.equal(saved.length, updates.length, `every update saved:\n${replies.join('\n---\n')}`);

    const history = await reader.history(ACTION, 1000);
    assert.equal(
      history.length - before.length,
      saved.length,
      'every acknowledged update is in history, once',
    );
    const acknowledged = saved.map((text) => /two-instance note \d+/.exec(text)?.[0]);
    assert.equal(new Set(acknowledged).size, saved.length, 'each confirmation names its own note');
    const stored = new Set(history.map((entry) => fieldsOf(entry).note));
    for (const note of acknowledged) assert.ok(stored.has(note), `"${note}" is in history`);
    assertConsistent(await planSnapshot(reader, plan));
    this.test!.title += ` [${saved.length} saved, ${retry.length} told to retry]`;
  });

  it('applies one activity once when Teams delivers it to both instances', async () => {
    const before = await reader.history(ACTION, 1000);
    const activity = personalMessage(
      connector.url,
      owner,
      `update ${ACTION} amber delivered to both instances`,
    );
    const sentBefore = connector.sentActivities().length;
    const responses = await Promise.all(instances.map((instance) => instance.send(activity)));
    assert.deepEqual(
      responses.map((response) => response.status),
      [200, 200],
    );
    const history = await reader.history(ACTION, 1000);
    assert.equal(history.length - before.length, 1, 'stored once');
    const replies = connector
      .sentActivities()
      .slice(sentBefore)
      .map((sent) => cardText(onlyCard(sent)));
    assert.equal(replies.length, 2);
    for (const reply of replies)
      assert.match(reply, /Saved: \w+ → Amber/, 'both deliveries get the same answer');
    assertConsistent(await planSnapshot(reader, plan));
  });

  it('logged no error or unhandled rejection in either process', () => {
    for (const instance of instances) {
      const problems = instance.log
        .split('\n')
        .filter((line) => line.trim() !== '')
        .filter((line) => /unhandled|"level":(50|60)/.test(line));
      assert.deepEqual(problems, [], `pid ${instance.pid}`);
    }
  });
});
