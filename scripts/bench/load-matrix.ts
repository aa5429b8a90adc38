import type { BenchConnector } from './bench-connector';
import type { BotChild } from './bot-child';
import { postJson } from './http-post';
import { runWindow } from './load-window';
import type { LoadRow } from './results';
import type { BotUnderTest, Scenario } from './scenarios';

export interface MatrixSettings {
  concurrencies: number[];
  rounds: number;
  windowMs: number;
  warmMs: number;
}

export interface Contestant {
  process: BotChild;
  bot: BotUnderTest;
}

/**
 * Every scenario at every concurrency, ours and echo alternating window by window so drift (JIT, GC,
 * Azurite's growing tables, the machine's other work) falls on both alike.
 */
export async function runMatrix(
  scenarios: Scenario[],
  ours: Contestant,
  echo: Contestant,
  connector: BenchConnector,
  settings: MatrixSettings,
  progress: (line: string) => void,
): Promise<LoadRow[]> {
  const rows: LoadRow[] = [];
  for (const scenario of scenarios) {
    for (const conversations of settings.concurrencies) {
      const row: LoadRow = {
        scenario: scenario.name,
        isUpdate: scenario.isUpdate,
        conversations,
        ours: [],
        echo: [],
        oursPeakRssBytes: [],
        echoPeakRssBytes: [],
        oursCpuMsPerTurn: [],
        echoCpuMsPerTurn: [],
      };
      for (const contestant of [ours, echo])
        await runWindow(contestant.bot, connector, scenario, conversations, settings.warmMs);
      for (let round = 0; round < settings.rounds; round++) {
        for (const contestant of [ours, echo]) {
          const before = await contestant.process.sample(true);
          const window = await runWindow(
            contestant.bot,
            connector,
            scenario,
            conversations,
            settings.windowMs,
          );
          const after = await contestant.process.sample();
          const cpuMsPerTurn = (after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, window.turns);
          if (contestant === ours) {
            row.ours.push(window);
            row.oursPeakRssBytes.push(after.peakRssBytes);
            row.oursCpuMsPerTurn.push(cpuMsPerTurn);
          } else {
            row.echo.push(window);
            row.echoPeakRssBytes.push(after.peakRssBytes);
            row.echoCpuMsPerTurn.push(cpuMsPerTurn);
          }
        }
      }
      const turns = (windows: { turns: number }[]) => windows.reduce((sum, window) => sum + window.turns, 0);
      progress(
        `${scenario.name} × ${conversations}: ours ${turns(row.ours)} turns, echo ${turns(row.echo)} turns`,
      );
      rows.push(row);
    }
  }
  return rows;
}

/** A first pass over every scenario on both bots, so the first row is not the one that pays for JIT. */
export async function warmUp(
  scenarios: Scenario[],
  contestants: Contestant[],
  connector: BenchConnector,
  conversations: number,
  windowMs: number,
): Promise<void> {
  for (const scenario of scenarios)
    for (const contestant of contestants)
      await runWindow(contestant.bot, connector, scenario, conversations, windowMs);
}

/** Every speaker's first turn (roster lookup, the people row) happens before anything is timed. */
export async function introduceSpeakers(
  scenario: Scenario,
  contestants: Contestant[],
  connector: BenchConnector,
): Promise<void> {
  for (const { bot } of contestants)
    await Promise.all(
      bot.users.map(async (_, index) => {
        const turn = scenario.prepare(bot, index);
        await postJson(bot.url, turn.activity);
        connector.takeReply(turn.activity.id);
      }),
    );
}
