import { strict as assert } from 'node:assert';
import type { WriteLimits } from '../../app/action-writes';
import { WritePipeline, type ChangeSpec } from '../../app/write-pipeline';
import type { AppendResult } from '../../domain/action-status';
import { refuse, write } from '../../domain/changes/decision';
import { MemoryStatusStore } from '../support/memory-status-store';

/** Short pauses and a short queue, so exhaustion and the lock bound are reached quickly. */
const QUICK: WriteLimits = { queueTimeoutMs: 200, attempts: 5, startingDelayMs: 1, maxDelayMs: 4 };
const clock = () => new Date('2026-12-02T10:00:00Z');
const by = { email: 'owner@agency.example', name: 'Owner' };

type Outcome = { kind: 'saved'; version: number; note: string } | { kind: 'same' } | { kind: 'busy' };

/** A note on 5.1: refused as "same" when the note is already that, replayed from the change it made. */
function noteChange(note: string, delivery?: string): ChangeSpec<Outcome> {
  return {
    actionId: '5.1',
    by,
    delivery,
    decide: (previous) =>
      previous.note === note
        ? refuse({ kind: 'same' }, true)
        : write({ kind: 'status', note }, { rag: 'amber', note }),
    saved: ({ entry }) => ({ kind: 'saved', version: entry.version, note }),
    replay: async (made) =>
      made.kind === 'status' ? { kind: 'saved', version: made.version, note: made.note ?? '' } : undefined,
  };
}

describe('the write pipeline (in memory)', () => {
  it('numbers each change after the last and writes history and status together', async () => {
    const store = new MemoryStatusStore();
    const pipeline = new WritePipeline(store, clock, QUICK);
    assert.deepEqual(await pipeline.run(noteChange('first')), { kind: 'saved', version: 1, note: 'first' });
    assert.deepEqual(await pipeline.run(noteChange('second')), { kind: 'saved', version: 2, note: 'second' });
    const [newest, oldest] = await store.readHistory('5.1', 10);
    assert.deepEqual(
      [newest, oldest].map((entry) => [entry?.version, entry?.fromRag, entry?.toRag, entry?.byEmail]),
      [
        [2, 'amber', 'amber', by.email],
        [1, 'not_started', 'amber', by.email],
      ],
    );
    const status = await store.read('5.1');
    assert.equal(status?.version, 2);
    assert.equal(status?.note, 'second');
  });

  it('replays on conflict: a change another instance made first is kept, and this one goes on top', async () => {
    const store = new MemoryStatusStore();
    const here = new WritePipeline(store, clock, QUICK);
    const elsewhere = new WritePipeline(store, clock, QUICK);
    await here.run(noteChange('first'));
    await elsewhere.run(noteChange('from the other instance'));
    // `here` starts from what it last wrote (version 1): the store refuses, it reads again and writes #3.
    assert.deepEqual(await here.run(noteChange('third')), { kind: 'saved', version: 3, note: 'third' });
    assert.deepEqual(store.appends, { attempted: 4, saved: 3 });
    const notes = (await store.readHistory('5.1', 10)).map((entry) =>
      entry.kind === 'status' ? entry.note : '',
    );
    assert.deepEqual(notes, ['third', 'from the other instance', 'first']);
  });

  it('decides a refusal again on a fresh read when it was decided on what this process last wrote', async () => {
    const store = new MemoryStatusStore();
    const here = new WritePipeline(store, clock, QUICK);
    const elsewhere = new WritePipeline(store, clock, QUICK);
    await here.run(noteChange('same words'));
    await elsewhere.run(noteChange('other words'));
    // On its own memory "same words" would be refused as unchanged; the record says otherwise.
    assert.deepEqual(await here.run(noteChange('same words')), {
      kind: 'saved',
      version: 3,
      note: 'same words',
    });
  });

  it('applies a redelivered activity once and answers it as the first delivery was answered', async () => {
    const store = new MemoryStatusStore();
    const pipeline = new WritePipeline(store, clock, QUICK);
    const first = await pipeline.run(noteChange('once', 'conversation|activity-1'));
    const again = await pipeline.run(noteChange('once', 'conversation|activity-1'));
    assert.deepEqual(again, first);
    assert.equal((await store.readHistory('5.1', 10)).length, 1);
  });

  it('answers a redelivery that races the first delivery on another instance from the change it made', async () => {
    const store = new MemoryStatusStore();
    const here = new WritePipeline(store, clock, QUICK);
    const elsewhere = new WritePipeline(store, clock, QUICK);
    // The other instance commits the same activity between this one's read and its write.
    let raced = false;
    store.beforeAppend = async () => {
      if (raced) return;
      raced = true;
      await elsewhere.run(noteChange('raced', 'conversation|activity-2'));
    };
    const answer = await here.run(noteChange('raced', 'conversation|activity-2'));
    assert.deepEqual(answer, { kind: 'saved', version: 1, note: 'raced' });
    assert.equal((await store.readHistory('5.1', 10)).length, 1, 'stored once');
    assert.deepEqual(store.appends, { attempted: 2, saved: 1 });
  });

  it('a redelivery that meets another change first still gets the answer of the change it made', async () => {
    const store = new MemoryStatusStore();
    const pipeline = new WritePipeline(store, clock, QUICK);
    await pipeline.run(noteChange('mine', 'conversation|activity-3'));
    await pipeline.run(noteChange('someone else'));
    const again = await pipeline.run(noteChange('mine', 'conversation|activity-3'));
    assert.deepEqual(again, { kind: 'saved', version: 1, note: 'mine' });
    assert.equal((await store.readHistory('5.1', 10)).length, 2);
  });

  it('gives up with "busy" when every attempt conflicts, after the allowed attempts, storing nothing', async () => {
    const store = new MemoryStatusStore();
    const conflicting = Object.assign(Object.create(store) as MemoryStatusStore, {
      append: async (): Promise<AppendResult> => {
        store.appends.attempted += 1;
        return { kind: 'conflict' };
      },
    });
    const pipeline = new WritePipeline(conflicting, clock, QUICK);
    assert.deepEqual(await pipeline.run(noteChange('never')), { kind: 'busy' });
    assert.equal(store.appends.attempted, QUICK.attempts);
    assert.equal(await store.read('5.1'), undefined);
    // The lock was released: the next write goes through once the store takes it.
    assert.deepEqual(await new WritePipeline(store, clock, QUICK).run(noteChange('later')), {
      kind: 'saved',
      version: 1,
      note: 'later',
    });
  });

  it('bounds the wait for the lock: a write queued behind a stuck one answers "busy"', async () => {
    const store = new MemoryStatusStore();
    const pipeline = new WritePipeline(store, clock, QUICK);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let appends = 0;
    store.beforeAppend = async () => {
      appends += 1;
      if (appends === 1) await held;
    };
    const stuck = pipeline.run(noteChange('slow'));
    assert.deepEqual(await pipeline.run(noteChange('queued')), { kind: 'busy' });
    assert.equal(appends, 1, 'the queued write never reached the store');
    // Another action does not queue behind 5.1.
    const other = await pipeline.run({ ...noteChange('elsewhere'), actionId: '6.1' });
    assert.equal(other.kind, 'saved');
    release();
    assert.deepEqual(await stuck, { kind: 'saved', version: 1, note: 'slow' });
  });

  it('passes any other error through and releases the lock', async () => {
    const store = new MemoryStatusStore();
    const pipeline = new WritePipeline(store, clock, QUICK);
    store.beforeAppend = async () => {
      throw new TypeError('a bug');
    };
    await assert.rejects(pipeline.run(noteChange('fails')), TypeError);
    store.beforeAppend = async () => {};
    assert.equal((await pipeline.run(noteChange('next'))).kind, 'saved');
  });
});
