import { performance } from 'node:perf_hooks';
import { personalMessage, type TestUser } from '../support/teams-activities';
import type { BenchConnector } from './bench-connector';
import { BotChild } from './bot-child';
import { botEnvironment } from './environment';
import { postJson } from './http-post';
import { percentile } from './stats';

/**
 * Many people updating one action at the same moment. Adding a case is one line: how many instances
 * (bot processes on one storage account), how many updates, from how many people.
 */
export interface ContentionScenario {
  name: string;
  instances: number;
  updates: number;
  speakers: number;
}

export const CONTENTION_SCENARIOS: ContentionScenario[] = [
  {
    name: '200 typed updates to one action, 10 people, one instance',
    instances: 1,
    updates: 200,
    speakers: 10,
  },
  {
    name: '24 typed updates to one action, 10 people, two instances',
    instances: 2,
    updates: 24,
    speakers: 10,
  },
];

/** The bar: nobody told to try again, and p99 within 5 s. */
export const CONTENTION_P99_LIMIT_MS = 5000;

export interface ContentionMeasure {
  scenario: ContentionScenario;
  saved: number;
  tryAgain: number;
  other: number;
  p50: number;
  p99: number;
  max: number;
  /** The same burst of messages to the bare echo bot (one process): the machine's floor for it. */
  echoP99: number;
}

const ACTION = '5.1';
const RAGS = ['red', 'amber', 'green'];

interface Setup {
  connectionString: string;
  connector: BenchConnector;
  users: TestUser[];
  run: string;
}

export async function measureContention(
  scenario: ContentionScenario,
  setup: Setup,
  suffix: string,
): Promise<ContentionMeasure> {
  const speakers = setup.users.slice(0, scenario.speakers);
  const env = botEnvironment(setup.connectionString, `${setup.run}${suffix}`, speakers);
  const bots = await Promise.all(
    Array.from({ length: scenario.instances }, () => BotChild.start('ours', env)),
  );
  const echo = await BotChild.start('echo', {});
  try {
    const texts = Array.from(
      { length: scenario.updates },
      (_, index) => `update ${ACTION} ${RAGS[index % RAGS.length]} contention note ${index}`,
    );
    // One update first, so every instance's first turn (module warm-up) is not part of the burst.
    for (const bot of bots)
      await burst([bot.url], [`update ${ACTION} green warm-up`], speakers, setup.connector);
    const ours = await burst(
      bots.map((bot) => bot.url),
      texts,
      speakers,
      setup.connector,
    );
    const floor = await burst([echo.url], texts, speakers, setup.connector);
    const summaries = ours.replies.map((reply) => String(reply?.summary ?? ''));
    const saved = summaries.filter((summary) => summary.startsWith(`${ACTION} is now`)).length;
    const tryAgain = summaries.filter((summary) => /try again/i.test(summary)).length;
    return {
      scenario,
      saved,
      tryAgain,
      other: summaries.length - saved - tryAgain,
      p50: percentile(ours.latencies, 50),
      p99: percentile(ours.latencies, 99),
      max: Math.max(...ours.latencies),
      echoP99: percentile(floor.latencies, 99),
    };
  } finally {
    await Promise.allSettled([...bots, echo].map((bot) => bot.stop()));
  }
}

/** Every text at once, spread over the instances and speakers; each turn timed to its reply. */
async function burst(urls: string[], texts: string[], speakers: TestUser[], connector: BenchConnector) {
  const latencies: number[] = [];
  const replies = await Promise.all(
    texts.map(async (text, index) => {
      const activity = personalMessage(connector.url, speakers[index % speakers.length], text);
      const started = performance.now();
      const result = await postJson(urls[index % urls.length], activity);
      latencies.push(performance.now() - started);
      return result.status === 200 ? connector.takeReply(String(activity.id)) : undefined;
    }),
  );
  return { latencies, replies };
}

export function renderContention(measures: ContentionMeasure[]): string {
  const ms = (value: number) => Math.round(value).toLocaleString('en-GB');
  const rows = measures.map(
    (m) =>
      `| ${m.scenario.name} | ${m.saved} / ${m.scenario.updates} | ${m.tryAgain} | ${m.other} | ${ms(m.p50)} | ${ms(m.p99)} | ${ms(m.max)} | ${ms(m.echoP99)} | ${(m.p99 / m.echoP99).toFixed(1)}× | ${m.tryAgain === 0 && m.saved === m.scenario.updates && m.p99 <= CONTENTION_P99_LIMIT_MS ? 'met' : 'NOT met'} |`,
  );
  return [
    '',
    `### Contention: concurrent updates to one action (target: all saved, 0 "try again", p99 ≤ ${ms(CONTENTION_P99_LIMIT_MS)} ms)`,
    '',
    '| scenario | saved | told to try again | other answers | p50 ms | p99 ms | max ms | echo p99 ms, same burst | p99 ours/echo | target |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
