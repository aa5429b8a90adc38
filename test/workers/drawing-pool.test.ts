import assert from 'node:assert/strict';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { BroadcastChannel } from 'node:worker_threads';
import { DrawingRefusedError } from '../../app/board-pack-ports';
import { renderBoardPackDocx } from '../../documents/board-pack-docx';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';
import { sampleBoardPackView, widenedPlan } from '../../scripts/support/sample-board-pack';
import type { BoardPackView } from '../../views/board-pack-view-model';
import { DrawingPool } from '../../workers/drawing-pool';
import { HELD_DRAWINGS } from '../support/held-drawing-worker';
import { shippedPlanView } from '../documents/board-pack-fixture';

const heldWorker = path.join(__dirname, '..', 'support', 'held-drawing-worker.js');
const viewTitled = (title: string) => ({ ...shippedPlanView(), title }) as BoardPackView;

/** Talks to held drawings: waits for one to start, lets one finish. */
class Holds {
  private readonly channel = new BroadcastChannel(HELD_DRAWINGS);
  private readonly started = new Set<string>();
  private readonly waiters: (() => void)[] = [];

  constructor() {
    this.channel.onmessage = (event) => {
      const data = String((event as MessageEvent).data);
      if (data.startsWith('started:')) this.started.add(data.slice('started:'.length));
      this.waiters.splice(0).forEach((wake) => wake());
    };
  }

  async startedOf(title: string): Promise<void> {
    while (!this.started.has(title)) await new Promise<void>((wake) => this.waiters.push(wake));
  }

  hasStarted(title: string): boolean {
    return this.started.has(title);
  }

  release(title: string): void {
    this.channel.postMessage(`release:${title}`);
  }

  close(): void {
    this.channel.close();
  }
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DrawingRefusedError) return error.reason;
    throw error;
  }
  return 'drawn';
}

describe('drawing pool: Word and Excel off the event loop', function () {
  this.timeout(120_000);
  let holds: Holds;
  beforeEach(() => (holds = new Holds()));
  afterEach(() => holds.close());

  it('draws at most `threads` files at once, queues `queue` more, and refuses the next as busy', async () => {
    const pool = new DrawingPool({ threads: 1, queue: 2, workerFile: heldWorker });
    try {
      const first = pool.render(viewTitled('a'), 'docx');
      await holds.startedOf('a');
      const waiting = [pool.render(viewTitled('b'), 'docx'), pool.render(viewTitled('c'), 'xlsx')];
      assert.equal(pool.waiting(), 2);
      assert.equal(await refusal(pool.render(viewTitled('d'), 'docx')), 'busy');
      assert.equal(holds.hasStarted('b'), false, 'one thread: the second file waits');
      holds.release('a');
      assert.equal(new TextDecoder().decode(await first), 'a');
      await holds.startedOf('b');
      holds.release('b');
      await holds.startedOf('c');
      holds.release('c');
      assert.deepEqual(
        (await Promise.all(waiting)).map((bytes) => new TextDecoder().decode(bytes)),
        ['b', 'c'],
      );
      // Room again once the queue has gone down.
      const again = pool.render(viewTitled('e'), 'docx');
      await holds.startedOf('e');
      holds.release('e');
      assert.equal(new TextDecoder().decode(await again), 'e');
    } finally {
      await pool.close(0);
    }
  });

  it('on stop: waiting files are cancelled at once, a file being drawn may finish within the grace', async () => {
    const pool = new DrawingPool({ threads: 1, queue: 2, workerFile: heldWorker });
    const running = pool.render(viewTitled('running'), 'docx');
    await holds.startedOf('running');
    const queued = refusal(pool.render(viewTitled('queued'), 'xlsx'));
    const closed = pool.close(60_000);
    assert.equal(await queued, 'stopping');
    assert.equal(await refusal(pool.render(viewTitled('late'), 'docx')), 'stopping', 'nothing new is taken');
    holds.release('running');
    assert.equal(new TextDecoder().decode(await running), 'running');
    await closed;
  });

  it('on stop: a file still being drawn when the grace ends is cancelled and its caller told', async () => {
    const pool = new DrawingPool({ threads: 1, queue: 1, workerFile: heldWorker });
    const running = refusal(pool.render(viewTitled('never'), 'docx'));
    await holds.startedOf('never');
    await pool.close(50);
    assert.equal(await running, 'stopping');
  });

  it('draws the real files in a thread, the same bytes as drawn in place, while the event loop stays free', async () => {
    const pool = new DrawingPool({ threads: 1, queue: 1 });
    try {
      const view = sampleBoardPackView({
        plan: widenedPlan(loadPlan(shippedPlanFile), 8),
        asAt: new Date('2026-12-02T12:00:00Z'),
        weeksOfChanges: 2 * 52,
      });
      await pool.render(viewTitled('warm-up'), 'docx').catch(() => undefined); // thread start-up aside
      const inPlace = await worstLoopDelay(() => renderBoardPackDocx(view));
      const pooled = await worstLoopDelay(() =>
        Promise.all([pool.render(view, 'docx'), pool.render(view, 'xlsx')]),
      );
      const [docx, xlsx] = pooled.result;
      assert.equal(Buffer.compare(Buffer.from(docx), inPlace.result), 0);
      assert.equal(Buffer.from(xlsx).subarray(0, 2).toString('latin1'), 'PK');
      // Not a speed check: drawn in place, the Word file alone holds the loop; in the pool, both files
      // together hold it for a small part of that (copying the view to the thread), on any machine.
      assert.ok(
        pooled.worstMs < inPlace.worstMs / 2,
        `event loop held ${pooled.worstMs.toFixed(0)} ms in the pool, ${inPlace.worstMs.toFixed(0)} ms in place`,
      );
    } finally {
      await pool.close(0);
    }
  });
});

/** The longest the main event loop waited while `draw` ran. */
async function worstLoopDelay<T>(draw: () => Promise<T>): Promise<{ result: T; worstMs: number }> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // The monitor's timer starts on the loop's next turn; a block before that would go unseen.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const result = await draw();
  // A loop held by the drawing records that wait only when its timer next runs: let it run first.
  await new Promise((resolve) => setTimeout(resolve, 50));
  loop.disable();
  return { result, worstMs: loop.max / 1e6 };
}
