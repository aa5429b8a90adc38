import { strict as assert } from 'node:assert';
import { ActionWrites, WriteConflict } from '../../app/action-writes';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('writes to one action', () => {
  it('run one at a time per action, in arrival order, and side by side across actions', async () => {
    const writes = new ActionWrites();
    const running = new Map<string, number>();
    let mostAtOnce = 0;
    const order: number[] = [];
    const attempt = (actionId: string, index: number) => async () => {
      running.set(actionId, (running.get(actionId) ?? 0) + 1);
      mostAtOnce = Math.max(mostAtOnce, running.get(actionId) ?? 0);
      await pause(2);
      if (actionId === '5.1') order.push(index);
      running.set(actionId, (running.get(actionId) ?? 1) - 1);
      return index;
    };
    const started = Date.now();
    const results = await Promise.all([
      ...Array.from({ length: 20 }, (_, index) => writes.serialised('5.1', attempt('5.1', index))),
      ...Array.from({ length: 20 }, (_, index) =>
        writes.serialised(`6.${index}`, attempt(`6.${index}`, index)),
      ),
    ]);
    assert.equal(mostAtOnce, 1, 'never two writes to one action at once');
    assert.deepEqual(
      order,
      Array.from({ length: 20 }, (_, index) => index),
    );
    assert.deepEqual(results.slice(0, 20), order);
    assert.ok(Date.now() - started < 5_000);
  });

  it('re-runs an attempt that met another writer, and returns its result', async () => {
    const writes = new ActionWrites();
    let attempts = 0;
    const result = await writes.serialised('5.1', async () => {
      attempts += 1;
      if (attempts < 4) throw new WriteConflict();
      return 'saved';
    });
    assert.equal(result, 'saved');
    assert.equal(attempts, 4);
  });

  it('gives up with "busy" when the conflicts never stop', async function () {
    this.timeout(20_000);
    const writes = new ActionWrites();
    let attempts = 0;
    const result = await writes.serialised('5.1', async () => {
      attempts += 1;
      throw new WriteConflict();
    });
    assert.equal(result, 'busy');
    assert.equal(attempts, 12);
  });

  it('passes any other error through', async () => {
    const writes = new ActionWrites();
    await assert.rejects(
      writes.serialised('5.1', async () => {
        throw new TypeError('a bug');
      }),
      TypeError,
    );
    assert.equal(await writes.serialised('5.1', async () => 'next'), 'next', 'the lock was released');
  });
});
