import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../../storage/azurite-process';
import { personalMessage, type TestUser } from '../support/teams-activities';
import { repoRoot } from '../support/repo-paths';
import type { BenchConnector } from './bench-connector';
import { stopChild } from '../support/stop-child';
import { postJson } from './http-post';
import type { BotKind } from './ipc';
import { median } from './stats';

const ENTRY: Record<BotKind, string> = {
  ours: path.join(repoRoot, 'dist', 'bot', 'main.js'),
  echo: path.join(repoRoot, 'dist', 'scripts', 'bench', 'echo-main.js'),
};
const COMMAND = 'show priority 5';
const GIVE_UP_MS = 60_000;

export interface ColdStartResult {
  ours: number[];
  echo: number[];
}

/**
 * From `node <entry>` to the first answered `show priority 5` arriving at the connector, with storage
 * already up (Azurite running, tables created by an uncounted first start). Each try is a new process;
 * ours and echo alternate so a busy moment on the machine hits both.
 */
export async function measureColdStarts(
  connector: BenchConnector,
  user: TestUser,
  ourEnvironment: Record<string, string>,
  rounds: number,
  log: (line: string) => void,
): Promise<ColdStartResult> {
  const result: ColdStartResult = { ours: [], echo: [] };
  await coldStart('ours', connector, user, ourEnvironment); // creates the tables: not counted
  for (let round = 1; round <= rounds; round += 1) {
    for (const kind of ['ours', 'echo'] as const) {
      result[kind].push(await coldStart(kind, connector, user, kind === 'ours' ? ourEnvironment : {}));
    }
    log(`cold start ${round}/${rounds}: ours ${last(result.ours)} ms, echo ${last(result.echo)} ms`);
  }
  return result;
}

const last = (values: number[]) => Math.round(values[values.length - 1]);

async function coldStart(
  kind: BotKind,
  connector: BenchConnector,
  user: TestUser,
  environment: Record<string, string>,
): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [ENTRY[kind]], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      ...environment,
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    while (performance.now() - started < GIVE_UP_MS) {
      if (child.exitCode !== null)
        throw new Error(`${kind} bot exited with ${child.exitCode} before answering`);
      const activity = personalMessage(connector.url, user, COMMAND);
      const response = await postJson(`http://127.0.0.1:${port}/api/messages`, activity);
      if (response.status === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5)); // not listening yet
        continue;
      }
      const reply = connector.takeReply(activity.id as string);
      if (response.status !== 200 || !reply) {
        throw new Error(
          `${kind} bot answered ${response.status} without a reply: ${JSON.stringify(response.body)}`,
        );
      }
      if (kind === 'ours' && !JSON.stringify(reply).includes('Priority 5')) {
        throw new Error(
          `our bot's first answer was not the priority card: ${JSON.stringify(reply).slice(0, 300)}`,
        );
      }
      return performance.now() - started;
    }
    throw new Error(`${kind} bot did not answer within ${GIVE_UP_MS} ms`);
  } finally {
    await stopChild(child);
  }
}

export const COLD_START_LIMIT = 2;

/** The README table's cold-start rows and the target line. */
export function renderColdStart(result: ColdStartResult): string[] {
  const ours = median(result.ours);
  const echo = median(result.echo);
  const range = (values: number[]) =>
    `${Math.round(Math.min(...values)).toLocaleString('en-GB')}–${Math.round(Math.max(...values)).toLocaleString('en-GB')}`;
  const ratio = ours / echo;
  return [
    `| cold start to first answered \`${COMMAND}\` (storage up) | tries | median ms | range ms |`,
    '| --- | --- | --- | --- |',
    `| ours: \`node dist/bot/main.js\` | ${result.ours.length} | ${Math.round(ours).toLocaleString('en-GB')} | ${range(result.ours)} |`,
    `| echo bot: \`node dist/scripts/bench/echo-main.js\` | ${result.echo.length} | ${Math.round(echo).toLocaleString('en-GB')} | ${range(result.echo)} |`,
    '',
    `Cold start within ${COLD_START_LIMIT}× the echo bot: **${ratio <= COLD_START_LIMIT ? 'met' : 'missed'}** (${ratio.toFixed(2)}×).`,
  ];
}
