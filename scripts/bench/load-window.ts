import { performance } from 'node:perf_hooks';
import type { BenchConnector } from './bench-connector';
import { postJson } from './http-post';
import { KeyLocks } from './key-locks';
import type { BotUnderTest, Scenario } from './scenarios';

export interface WindowResult {
  latenciesMs: number[];
  turns: number;
  elapsedMs: number;
  stale: number;
  errors: Map<string, number>;
}

/** Hard stop for one window whatever the bot's speed. */
const MAX_TURNS_PER_WINDOW = 50_000;

/**
 * Closed loop: each of `conversations` sends its next turn as soon as the last one is answered, for
 * `durationMs`. Latency is from sending the activity to the bot's HTTP answer, by which time the reply
 * has reached the connector (the turn awaits it); time waiting for a per-action lock is not counted.
 */
export async function runWindow(
  bot: BotUnderTest,
  connector: BenchConnector,
  scenario: Scenario,
  conversations: number,
  durationMs: number,
): Promise<WindowResult> {
  const result: WindowResult = { latenciesMs: [], turns: 0, elapsedMs: 0, stale: 0, errors: new Map() };
  const locks = new KeyLocks();
  const started = performance.now();
  const end = started + durationMs;

  const conversation = async (index: number) => {
    while (performance.now() < end && result.turns < MAX_TURNS_PER_WINDOW) {
      const key = scenario.lockKey?.(bot, index);
      const release = key ? await locks.acquire(key) : () => undefined;
      try {
        if (performance.now() >= end) return;
        const turn = scenario.prepare(bot, index);
        const sent = performance.now();
        const answer = await postJson(bot.url, turn.activity);
        result.latenciesMs.push(performance.now() - sent);
        result.turns += 1;
        const verdict = turn.judge(answer, connector.takeReply(turn.activity.id));
        if (!verdict.ok) result.errors.set(verdict.error, (result.errors.get(verdict.error) ?? 0) + 1);
        else if (verdict.stale) result.stale += 1;
      } finally {
        release();
      }
    }
  };
  await Promise.all(Array.from({ length: conversations }, (_, index) => conversation(index)));
  result.elapsedMs = performance.now() - started;
  return result;
}
