import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { composeBot, type Bot } from '../../bot/composition-root';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import type { Plan } from '../../plan/plan-schema';
import { createTableClients, ensureTables } from '../../storage/table-clients';
import type { CountingProxy } from './counting-proxy';
import { seedWeeklyHistory } from './seed-history';
import { renderBoardPackDocx } from '../../documents/board-pack-docx';
import { renderBoardPackXlsx } from '../../documents/board-pack-xlsx';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../support/repo-paths';
import { sampleBoardPackView, widenedPlan } from '../support/sample-board-pack';
import type { BoardPackView } from '../../views/board-pack-view-model';
import { median } from './stats';
import { DrawingPool } from '../../workers/drawing-pool';

export interface FileFigures {
  /** Median render time over the timed runs, after one warm-up run. */
  ms: number;
  /** Median CPU time of the process over the same runs (wall time on a shared machine includes waiting). */
  cpuMs: number;
  bytes: number;
}

/** The longest the main event loop waited while both files of one pack were drawn, in place and in the pool. */
export interface EventLoopFigures {
  label: string;
  drawMs: { inPlace: number; pool: number };
  worstLoopDelayMs: { inPlace: number; pool: number };
}

export interface BoardPackScenarioFigures {
  label: string;
  actions: number;
  changes: number;
  docx: FileFigures;
  xlsx: FileFigures;
}

export interface BoardPackFigures {
  timedRuns: number;
  scenarios: BoardPackScenarioFigures[];
  eventLoop: EventLoopFigures;
}

const AS_AT = new Date('2026-12-02T12:00:00Z');
const FIVE_YEARS_OF_WEEKS = 5 * 52;
const QUARTER_OF_WEEKS = 13;

/**
 * Render time and size of both board pack files, from a view already built (storage is not measured
 * here): the shipped plan with five years of weekly changes on every action in the period, and a
 * 64-action plan over a quarter and over five years.
 */
export async function benchBoardPack(timedRuns = 3): Promise<BoardPackFigures> {
  const shipped = loadPlan(shippedPlanFile);
  const wide = widenedPlan(shipped, 8);
  const scenarios: [string, BoardPackView][] = [
    [
      'shipped plan, 5 years weekly',
      sampleBoardPackView({ plan: shipped, asAt: AS_AT, weeksOfChanges: FIVE_YEARS_OF_WEEKS }),
    ],
    [
      '64 actions, a quarter weekly',
      sampleBoardPackView({ plan: wide, asAt: AS_AT, weeksOfChanges: QUARTER_OF_WEEKS }),
    ],
    [
      '64 actions, 5 years weekly',
      sampleBoardPackView({ plan: wide, asAt: AS_AT, weeksOfChanges: FIVE_YEARS_OF_WEEKS }),
    ],
  ];
  const figures: BoardPackScenarioFigures[] = [];
  for (const [label, view] of scenarios) {
    figures.push({
      label,
      actions: view.aims.reduce(
        (sum, aim) => sum + aim.priorities.reduce((count, priority) => count + priority.actions.length, 0),
        0,
      ),
      changes: view.changes.length,
      docx: await measure(() => renderBoardPackDocx(view), timedRuns),
      xlsx: await measure(() => renderBoardPackXlsx(view), timedRuns),
    });
  }
  const [label, largest] = scenarios[scenarios.length - 1];
  return { timedRuns, scenarios: figures, eventLoop: await eventLoopWhileDrawing(label, largest) };
}

async function eventLoopWhileDrawing(label: string, view: BoardPackView): Promise<EventLoopFigures> {
  const watch = async (draw: () => Promise<unknown>) => {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    // The monitor's timer starts on the loop's next turn; a block before that would go unseen.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const start = performance.now();
    await draw();
    const ms = performance.now() - start;
    // A loop held by the drawing records that wait only when its timer next runs: let it run first.
    await new Promise((resolve) => setTimeout(resolve, 50));
    loop.disable();
    return { ms: Math.round(ms), worst: Math.round(loop.max / 1e6) };
  };
  const inPlace = await watch(() => Promise.all([renderBoardPackDocx(view), renderBoardPackXlsx(view)]));
  const pool = new DrawingPool();
  try {
    await pool.render(view, 'docx'); // the thread's start-up is not what is measured
    const pooled = await watch(() => Promise.all([pool.render(view, 'docx'), pool.render(view, 'xlsx')]));
    return {
      label,
      drawMs: { inPlace: inPlace.ms, pool: pooled.ms },
      worstLoopDelayMs: { inPlace: inPlace.worst, pool: pooled.worst },
    };
  } finally {
    await pool.close(0);
  }
}

async function measure(render: () => Promise<Buffer>, timedRuns: number): Promise<FileFigures> {
  const bytes = (await render()).length;
  const times: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < timedRuns; run += 1) {
    const start = performance.now();
    const used = process.cpuUsage();
    await render();
    const spent = process.cpuUsage(used);
    times.push(performance.now() - start);
    cpu.push((spent.user + spent.system) / 1000);
  }
  return { ms: Math.round(median(times)), cpuMs: Math.round(median(cpu)), bytes };
}

export interface StoredPackFigures {
  label: string;
  actions: number;
  rows: number;
  seedMs: number;
  /** Reading the history and building the view (median), then each file's render time and size. */
  buildMs: number;
  docx: FileFigures;
  xlsx: FileFigures;
  /** Table requests for one pack's view, counted through the proxy. */
  roundTrips: number;
  requests: string[];
}

export interface StoredPackSetup {
  directConnection: string;
  proxyConnection: string;
  proxy: CountingProxy;
  timedRuns: number;
  weeks: number;
}

/**
 * A board pack built from storage, as `npm run board-pack` builds it: the shipped plan and a 64-action
 * plan, each with `weeks` weekly updates on every action. Timed against Azurite directly; the table
 * requests of building one view counted by a second bot whose endpoint is the counting proxy.
 */
export async function benchStoredBoardPacks(
  setup: StoredPackSetup,
  prefix: string,
): Promise<StoredPackFigures[]> {
  const shipped = loadPlan(shippedPlanFile);
  const figures: StoredPackFigures[] = [];
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-pack-bench-'));
  try {
    for (const [label, plan, suffix] of [
      [`shipped plan, ${setup.weeks} weekly updates per action`, shipped, 's'],
      [`64 actions, ${setup.weeks} weekly updates per action`, widenedPlan(shipped, 8), 'w'],
    ] as const) {
      const planFile = path.join(folder, `${suffix}.json`);
      fs.writeFileSync(planFile, JSON.stringify(plan));
      figures.push(await measureStoredPack(setup, label, plan, planFile, `${prefix}${suffix}`));
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  return figures;
}

async function measureStoredPack(
  setup: StoredPackSetup,
  label: string,
  plan: Plan,
  planFile: string,
  prefix: string,
): Promise<StoredPackFigures> {
  const now = new Date();
  const tables = createTableClients(setup.directConnection, prefix);
  await ensureTables(tables);
  const seedStarted = performance.now();
  // A priority at a time: sixty-four actions seeded at once overrun the store's request timeout here.
  for (const priority of plan.priorities) {
    await seedWeeklyHistory(tables.planStatus, { ...plan, priorities: [priority] }, setup.weeks, now);
  }
  const seedMs = performance.now() - seedStarted;
  const timed = await composePackBot(setup.directConnection, prefix, planFile);
  const counted = await composePackBot(setup.proxyConnection, prefix, planFile);
  try {
    const build = async (bot: Bot) => {
      const prepared = await bot.useCases.boardPacks.prepare({});
      if (!prepared.ok) throw new Error(prepared.problem);
      return prepared;
    };
    const first = await build(timed);
    const times: number[] = [];
    for (let run = 0; run < setup.timedRuns; run++) {
      const started = performance.now();
      const prepared = await build(timed);
      await timed.useCases.boardPacks.packView(prepared.params, prepared.history, 'bench');
      times.push(performance.now() - started);
    }
    const view = await timed.useCases.boardPacks.packView(first.params, first.history, 'bench');
    setup.proxy.reset();
    const prepared = await build(counted);
    await counted.useCases.boardPacks.packView(prepared.params, prepared.history, 'bench');
    const seen = setup.proxy.reset();
    return {
      label,
      actions: plan.priorities.reduce((sum, priority) => sum + priority.actions.length, 0),
      rows: first.history.length,
      seedMs,
      buildMs: Math.round(median(times)),
      docx: await measure(() => renderBoardPackDocx(view), setup.timedRuns),
      xlsx: await measure(() => renderBoardPackXlsx(view), setup.timedRuns),
      roundTrips: seen.count,
      requests: seen.requests,
    };
  } finally {
    await Promise.allSettled([timed.close(), counted.close()]);
  }
}

async function composePackBot(connectionString: string, prefix: string, planFile: string): Promise<Bot> {
  const config = loadConfig({
    PORT: '0',
    AZURE_STORAGE_CONNECTION_STRING: connectionString,
    TABLE_PREFIX: prefix,
    PLAN_FILE: planFile,
    DIGEST_SCHEDULE: 'off',
    LOG_LEVEL: 'silent',
  });
  return composeBot(config, { logger: createLogger('silent') });
}

/** The figures as the README's speed table rows. */
export function renderStoredPacks(figures: readonly StoredPackFigures[]): string {
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
  return [
    '| board pack from storage | actions | history rows | read + view | Word | Excel | table requests |',
    '| --- | --: | --: | --: | --: | --: | --: |',
    ...figures.map(
      (figure) =>
        `| ${figure.label} | ${figure.actions} | ${figure.rows} | ${figure.buildMs} ms | ${figure.docx.ms} ms, ${kb(figure.docx.bytes)} | ${figure.xlsx.ms} ms, ${kb(figure.xlsx.bytes)} | ${figure.roundTrips} |`,
    ),
    '',
    `Requests for one pack: ${figures[0]?.requests.join('; ') ?? ''}`,
  ].join('\n');
}

export function renderEventLoop(figures: EventLoopFigures): string {
  const { drawMs, worstLoopDelayMs } = figures;
  return (
    `both files of ${figures.label}, the event loop's worst wait: drawn in place ${worstLoopDelayMs.inPlace} ms ` +
    `(of ${drawMs.inPlace} ms drawing), in the worker pool ${worstLoopDelayMs.pool} ms (of ${drawMs.pool} ms)`
  );
}
