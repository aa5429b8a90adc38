import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { loadPlan } from '../../plan/load-plan';
import { DrawingPool } from '../../workers/drawing-pool';
import { shippedPlanFile } from '../support/repo-paths';
import { sampleBoardPackView, widenedPlan } from '../support/sample-board-pack';

/**
 * One nine-year board pack (64 actions, a weekly change on each for `weeks` weeks) drawn as the bot draws
 * it, in a process of its own so its peak RSS is the pack's: the view built on the main thread, then both
 * files in the drawing pool. Prints its figures as one JSON line.
 */
async function main(): Promise<void> {
  const weeks = Number(process.argv[2] ?? 500);
  const plan = widenedPlan(loadPlan(shippedPlanFile), 8);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const pool = new DrawingPool();
  try {
    // The thread's start-up is not what is measured.
    await pool.render(
      sampleBoardPackView({ plan, asAt: new Date('2026-12-02T12:00:00Z'), weeksOfChanges: 1 }),
      'docx',
    );
    loop.enable();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = performance.now();
    const cpu = process.cpuUsage();
    const view = sampleBoardPackView({ plan, asAt: new Date('2026-12-02T12:00:00Z'), weeksOfChanges: weeks });
    const viewMs = performance.now() - started;
    const [docx, xlsx] = await Promise.all([pool.render(view, 'docx'), pool.render(view, 'xlsx')]);
    const drawMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    await new Promise((resolve) => setTimeout(resolve, 50));
    loop.disable();
    process.stdout.write(
      `${JSON.stringify({
        changes: view.changes.length,
        viewMs: Math.round(viewMs),
        drawMs: Math.round(drawMs),
        cpuMs: Math.round((used.user + used.system) / 1000),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        worstLoopDelayMs: Math.round(loop.max / 1e6),
        docxBytes: docx.length,
        xlsxBytes: xlsx.length,
      })}\n`,
    );
  } finally {
    await pool.close(0);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
