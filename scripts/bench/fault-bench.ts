import { performance } from 'node:perf_hooks';
import type { Plan } from '../../plan/plan-schema';
import { createTableClients, ensureTables } from '../../storage/table-clients';
import { cardText, type Card } from '../support/card-content';
import {
  executeAction,
  personalConversation,
  personalMessage,
  testUser,
  type TestUser,
} from '../support/teams-activities';
import type { BenchConnector } from './bench-connector';
import { BotChild } from './bot-child';
import type { CountingProxy } from './counting-proxy';
import { botEnvironment } from './environment';
import { postJson } from './http-post';
import { seedWeeklyHistory } from './seed-history';
import { percentile } from './stats';

/** Just inside the bot's 4 s roster deadline: the slowest a Teams that still answers can be. */
const ROSTER_NEAR_ITS_DEADLINE_MS = 3500;

interface Fault {
  label: string;
  rosterDelayMs: number;
  hold?: (method: string, path: string) => boolean;
}

const FAULTS: Fault[] = [
  { label: 'healthy store, roster at once', rosterDelayMs: 0 },
  { label: 'roster 3.5 s late, healthy store', rosterDelayMs: ROSTER_NEAR_ITS_DEADLINE_MS },
  { label: 'roster 3.5 s late, store silent', rosterDelayMs: ROSTER_NEAR_ITS_DEADLINE_MS, hold: () => true },
  {
    label: 'roster 3.5 s late, the transaction unanswered',
    rosterDelayMs: ROSTER_NEAR_ITS_DEADLINE_MS,
    hold: (method, path) => method === 'POST' && path.includes('$batch'),
  },
];

export interface InvokeFaultFigures {
  label: string;
  worstMs: number;
  answers: string[];
}

export interface FaultSetup {
  plan: Plan;
  directConnection: string;
  proxyConnection: string;
  proxy: CountingProxy;
  connector: BenchConnector;
  run: string;
  tries: number;
}

const firstLine = (body: unknown) => {
  const card = (body as { value?: Card } | undefined)?.value;
  return card
    ? (cardText(card)
        .split('\n')
        .find((line) => line.trim()) ?? '')
    : String(body);
};

/**
 * The card save (Action.Execute) timed until Teams gets its answer, with the roster answering near its
 * deadline and the store silent before or after the write is sent. Each try is a person the bot has not
 * met (roster answers are cached); the held requests are let go after each answer.
 */
export async function measureInvokesUnderFaults(setup: FaultSetup): Promise<InvokeFaultFigures[]> {
  const people = Array.from({ length: FAULTS.length * setup.tries + 1 }, (_, index) =>
    testUser(`Fault ${index}`, `fault${index}@bench.example`),
  );
  setup.connector.roster.meet(...people);
  const prefix = `${setup.run}f`;
  const bot = await BotChild.start('ours', botEnvironment(setup.proxyConnection, prefix, people));
  const status = createTableClients(setup.directConnection, prefix).planStatus;
  const version = async () => Number((await status.getEntity(setup.plan.id, 'cur|5.1')).version ?? 0);
  try {
    const [first, ...rest] = people;
    await postJson(
      bot.url,
      personalMessage(setup.connector.url, first, 'update 5.1 green Before the faults'),
    );
    const figures: InvokeFaultFigures[] = [];
    for (const fault of FAULTS) {
      const times: number[] = [];
      const answers = new Set<string>();
      for (let attempt = 0; attempt < setup.tries; attempt++) {
        const person = rest.shift() as TestUser;
        const data = { actionId: '5.1', baseVersion: await version(), rag: 'amber', note: fault.label };
        setup.connector.rosterDelayMs = fault.rosterDelayMs;
        setup.proxy.holdWhen = fault.hold;
        const started = performance.now();
        const answer = await postJson(
          bot.url,
          executeAction(setup.connector.url, person, 'updateStatus', data, personalConversation(person)),
        );
        times.push(performance.now() - started);
        answers.add(firstLine(answer.body));
        setup.proxy.release();
        setup.connector.rosterDelayMs = 0;
        // What went on after the answer (a refused write, a late commit) settles before the next try.
        await new Promise((resolve) => setTimeout(resolve, 4000));
      }
      figures.push({ label: fault.label, worstMs: Math.round(Math.max(...times)), answers: [...answers] });
    }
    return figures;
  } finally {
    setup.proxy.release();
    await bot.stop();
  }
}

export function renderInvokeFaults(figures: readonly InvokeFaultFigures[], tries: number): string {
  return [
    `| card save (Action.Execute) under faults, worst of ${tries} | worst ms | the answer |`,
    '| --- | --: | --- |',
    ...figures.map((figure) => `| ${figure.label} | ${figure.worstMs} | ${figure.answers.join(' / ')} |`),
  ].join('\n');
}

export interface ShowsDuringPackFigures {
  changes: number;
  packMs: number;
  shows: number;
  idle: { p50: number; p99: number; worst: number };
  duringPack: { p50: number; p99: number; worst: number };
}

/**
 * Another person's `show priority 5`, one after another, while an admin asks for a board pack over
 * `weeks` of weekly changes on every action (its files drawn to state their sizes), beside the same number
 * of shows with nothing else going on.
 */
export async function measureShowsDuringPack(
  setup: Omit<FaultSetup, 'proxy' | 'proxyConnection' | 'tries'> & { weeks: number },
): Promise<ShowsDuringPackFigures> {
  const admin = testUser('Pack Admin', 'pack.admin@bench.example');
  const viewer = testUser('Pack Viewer', 'pack.viewer@bench.example');
  setup.connector.roster.meet(admin, viewer);
  const prefix = `${setup.run}q`;
  const tables = createTableClients(setup.directConnection, prefix);
  await ensureTables(tables);
  for (const priority of setup.plan.priorities)
    await seedWeeklyHistory(
      tables.planStatus,
      { ...setup.plan, priorities: [priority] },
      setup.weeks,
      new Date(),
    );
  const bot = await BotChild.start('ours', botEnvironment(setup.directConnection, prefix, [admin, viewer]));
  const show = async () => {
    const started = performance.now();
    const answer = await postJson(bot.url, personalMessage(setup.connector.url, viewer, 'show priority 5'));
    if (answer.status !== 200) throw new Error(`show answered ${answer.status}`);
    return performance.now() - started;
  };
  try {
    await postJson(bot.url, personalMessage(setup.connector.url, admin, 'help'));
    for (let warm = 0; warm < 10; warm++) await show();
    const during: number[] = [];
    const started = performance.now();
    let packDone = false;
    const pack = postJson(bot.url, personalMessage(setup.connector.url, admin, 'board pack'), 120_000).then(
      (answer) => {
        packDone = true;
        return answer;
      },
    );
    while (!packDone) during.push(await show());
    await pack;
    const packMs = performance.now() - started;
    const idle: number[] = [];
    for (let index = 0; index < during.length; index++) idle.push(await show());
    const summary = (samples: number[]) => ({
      p50: Math.round(percentile(samples, 50)),
      p99: Math.round(percentile(samples, 99)),
      worst: Math.round(Math.max(...samples)),
    });
    return {
      changes:
        setup.weeks * setup.plan.priorities.reduce((sum, priority) => sum + priority.actions.length, 0),
      packMs: Math.round(packMs),
      shows: during.length,
      idle: summary(idle),
      duringPack: summary(during),
    };
  } finally {
    await bot.stop();
  }
}

export function renderShowsDuringPack(figures: ShowsDuringPackFigures): string {
  const { idle, duringPack } = figures;
  return (
    `- \`show priority 5\` while a board pack over ${figures.changes.toLocaleString('en-GB')} changes is asked for ` +
    `(${figures.packMs} ms to its answer, ${figures.shows} shows): p50 ${duringPack.p50} ms, p99 ${duringPack.p99} ms, ` +
    `worst ${duringPack.worst} ms; idle, the same number of shows: p50 ${idle.p50} ms, p99 ${idle.p99} ms, ` +
    `worst ${idle.worst} ms (worst during / idle p99: ${(duringPack.worst / Math.max(1, idle.p99)).toFixed(2)}×)`
  );
}
