import { performance } from 'node:perf_hooks';
import { renderBoardPackDocx } from '../../documents/board-pack-docx';
import { renderBoardPackXlsx } from '../../documents/board-pack-xlsx';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../support/repo-paths';
import { sampleBoardPackView, widenedPlan } from '../support/sample-board-pack';
import type { BoardPackView } from '../../views/board-pack-view-model';
import { median } from './stats';

export interface FileFigures {
  /** Median render time over the timed runs, after one warm-up run. */
  ms: number;
  bytes: number;
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
  return { timedRuns, scenarios: figures };
}

async function measure(render: () => Promise<Buffer>, timedRuns: number): Promise<FileFigures> {
  const bytes = (await render()).length;
  const times: number[] = [];
  for (let run = 0; run < timedRuns; run += 1) {
    const start = performance.now();
    await render();
    times.push(performance.now() - start);
  }
  return { ms: Math.round(median(times)), bytes };
}
