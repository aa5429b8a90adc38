import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPlan } from '../plan/load-plan';
import { allActions } from '../domain/plan-lookup';
import { azuriteConnectionString, startAzurite } from '../storage/azurite-process';
import { testUser, type TestUser } from './support/teams-activities';
import { answeredHelp } from './support/help-flag';
import { repoRoot, shippedPlanFile } from './support/repo-paths';
import { BenchConnector } from './bench/bench-connector';
import { CONTENTION_SCENARIOS, measureContention, renderContention } from './bench/contention-bench';
import { BotChild } from './bench/bot-child';
import { measureColdStarts, renderColdStart } from './bench/cold-start';
import { CountingProxy } from './bench/counting-proxy';
import { measureDigest, type DigestMeasure } from './bench/digest-bench';
import {
  benchBoardPack,
  benchStoredBoardPacks,
  renderEventLoop,
  renderStoredPacks,
} from './bench/board-pack-bench';
import { measureLongHistory, renderLongHistory } from './bench/long-history';
import { azuriteVersion, botEnvironment, describeMachine } from './bench/environment';
import {
  measureInvokesUnderFaults,
  measureShowsDuringPack,
  renderInvokeFaults,
  renderShowsDuringPack,
} from './bench/fault-bench';
import type { BotKind } from './bench/ipc';
import { introduceSpeakers, runMatrix, warmUp } from './bench/load-matrix';
import { renderReport } from './bench/report';
import { countRoundTrips } from './bench/round-trips';
import { SCENARIOS, type BotUnderTest } from './bench/scenarios';

/**
 * `npm run bench`: the real bot and a bare Teams SDK echo bot, each in its own process, against in-memory
 * Azurite and a connector on loopback; prints one table and writes it to build/bench-results.md.
 * Sized to finish in a few minutes on two cores.
 */
const CONCURRENCIES = [1, 10, 50];
// `--quick` is for working on the bench itself; its figures are too noisy to quote.
const QUICK = process.argv.includes('--quick');
// `--contention` runs only the concurrent-updates-to-one-action part (a minute, not three).
const CONTENTION_ONLY = process.argv.includes('--contention');
const ROUNDS = QUICK ? 1 : 5;
const WINDOW_MS = QUICK ? 300 : 1000;
const WARM_MS = QUICK ? 100 : 300;
const FIRST_WARM_MS = QUICK ? 200 : 1000;
const COUNTED_TURNS = 5;
const HISTORY_WEEKS = 5 * 52;
const COLD_START_ROUNDS = QUICK ? 2 : 5;
// `--board-pack` measures only the board pack (seeding five years of history takes a few minutes).
const BOARD_PACK_ONLY = process.argv.includes('--board-pack');
// `--cold-start` measures only the cold start (a minute instead of several).
const COLD_START_ONLY = process.argv.includes('--cold-start');
// `--shows` measures only the show commands at 1 and 10 conversations against the floor.
const SHOWS_ONLY = process.argv.includes('--shows');
// `--faults` measures only card saves under faults and shows while a board pack is drawn.
const FAULTS_ONLY = process.argv.includes('--faults');
const FAULT_TRIES = QUICK ? 1 : 3;
const DIGEST_RUNS = { warmRuns: 3, timedRuns: QUICK ? 5 : 25, countedRuns: 3 };

const log = (line: string) => console.error(`[bench] ${line}`);

async function main(): Promise<void> {
  const started = performance.now();
  const plan = loadPlan(shippedPlanFile);
  const users = Array.from({ length: Math.max(...CONCURRENCIES) }, (_, index) =>
    testUser(`Bench User ${index + 1}`, `bench.user${index + 1}@bench.example`),
  );
  const counter = testUser('Bench Counter', 'bench.counter@bench.example');
  const run = `b${process.pid}`;

  const azurite = await startAzurite({ port: 0 });
  const proxy = new CountingProxy('127.0.0.1', azurite.port);
  const connector = new BenchConnector();
  const children: BotChild[] = [];
  try {
    await proxy.start();
    await connector.start();
    connector.roster.meet(...users, counter);
    const proxied = azuriteConnectionString('127.0.0.1', proxy.port);

    const boardPack = async () => {
      log('board pack: from storage, then rendering alone');
      const stored = await benchStoredBoardPacks(
        {
          directConnection: azurite.connectionString,
          proxyConnection: proxied,
          proxy,
          timedRuns: QUICK ? 1 : 3,
          weeks: QUICK ? 13 : HISTORY_WEEKS,
        },
        `${run}p`,
      );
      const rendered = await benchBoardPack(QUICK ? 1 : 3);
      log('board pack: nine years of history');
      const long = renderLongHistory(await measureLongHistory(QUICK ? 52 : 500));
      return `${renderStoredPacks(stored)}\n\n${rendered.scenarios
        .map(
          (scenario) =>
            `- rendering alone, ${scenario.label} (${scenario.changes} changes): Word ${scenario.docx.ms} ms (${scenario.docx.cpuMs} ms CPU), ${Math.round(scenario.docx.bytes / 1024)} KB; Excel ${scenario.xlsx.ms} ms (${scenario.xlsx.cpuMs} ms CPU), ${Math.round(scenario.xlsx.bytes / 1024)} KB`,
        )
        .join('\n')}\n- ${renderEventLoop(rendered.eventLoop)}\n${long}\n`;
    };
    if (BOARD_PACK_ONLY) {
      console.log(`${describeMachine()}\n\n${await boardPack()}`);
      return;
    }
    const faults = async () => {
      log('card saves under faults');
      const invokes = await measureInvokesUnderFaults({
        plan,
        directConnection: azurite.connectionString,
        proxyConnection: proxied,
        proxy,
        connector,
        run,
        tries: FAULT_TRIES,
      });
      log(renderInvokeFaults(invokes, FAULT_TRIES));
      log('shows while a board pack is drawn');
      const during = await measureShowsDuringPack({
        plan,
        directConnection: azurite.connectionString,
        connector,
        run,
        weeks: QUICK ? 13 : HISTORY_WEEKS,
      });
      return `${renderInvokeFaults(invokes, FAULT_TRIES)}\n\n${renderShowsDuringPack(during)}\n`;
    };
    if (FAULTS_ONLY) {
      console.log(`${describeMachine()}\n\n${await faults()}`);
      return;
    }

    if (!SHOWS_ONLY) log('cold starts: ours and the echo bot, alternating');
    const coldStart = SHOWS_ONLY
      ? ''
      : renderColdStart(
          await measureColdStarts(
            connector,
            counter,
            botEnvironment(azurite.connectionString, `${run}s`, [counter]),
            COLD_START_ROUNDS,
            log,
          ),
        ).join('\n');
    if (COLD_START_ONLY) {
      console.log(`${describeMachine()}\n\n${coldStart}`);
      return;
    }

    const contention = [];
    for (const [index, scenario] of (SHOWS_ONLY ? [] : CONTENTION_SCENARIOS).entries()) {
      log(`contention: ${scenario.name}`);
      const setup = { connectionString: azurite.connectionString, connector, users, run };
      contention.push(await measureContention(scenario, setup, `k${index}`));
    }
    if (CONTENTION_ONLY) {
      const report = `${describeMachine()}\n${renderContention(contention)}`;
      console.log(report);
      return;
    }
    const under = (kind: BotKind, url: string, speakers: TestUser[]): BotUnderTest => ({
      kind,
      url,
      serviceUrl: connector.url,
      users: speakers,
      actionIds: allActions(plan).map((action) => action.id),
      planTitle: plan.title,
      versions: new Map(),
      sequence: 0,
    });

    log('counting table round trips per turn');
    const countingBot = await BotChild.start('ours', botEnvironment(proxied, `${run}c`, [counter]));
    children.push(countingBot);
    const counted = await countRoundTrips(
      under('ours', countingBot.url, [counter]),
      connector,
      proxy,
      SCENARIOS,
      COUNTED_TURNS,
    );
    await countingBot.stop();

    log('starting our bot and the echo bot');
    const oursProcess = await BotChild.start(
      'ours',
      botEnvironment(azurite.connectionString, `${run}l`, users),
    );
    // The floor: the echo bot making one 16-row range query per turn, as a show does.
    const echoProcess = await BotChild.start('echo', {
      FLOOR_STORAGE: azurite.connectionString,
      FLOOR_TABLE: `${run}floor`,
    });
    children.push(oursProcess, echoProcess);
    const ours = { process: oursProcess, bot: under('ours', oursProcess.url, users) };
    const echo = { process: echoProcess, bot: under('echo', echoProcess.url, users) };
    const idleRss = {
      ours: (await oursProcess.sample()).rssBytes,
      echo: (await echoProcess.sample()).rssBytes,
    };
    await introduceSpeakers(SCENARIOS[0], [ours, echo], connector);

    log('warming up');
    await warmUp(SCENARIOS, [ours, echo], connector, 10, FIRST_WARM_MS);
    const rows = await runMatrix(
      SHOWS_ONLY ? SCENARIOS.filter((scenario) => scenario.name.startsWith('show')) : SCENARIOS,
      ours,
      echo,
      connector,
      {
        concurrencies: SHOWS_ONLY ? [1, 10] : CONCURRENCIES,
        rounds: ROUNDS,
        windowMs: WINDOW_MS,
        warmMs: WARM_MS,
      },
      log,
    );
    const finalRss = {
      ours: (await oursProcess.sample()).rssBytes,
      echo: (await echoProcess.sample()).rssBytes,
    };
    await Promise.all([oursProcess.stop(), echoProcess.stop()]);

    const digestSetup = {
      plan,
      planFile: shippedPlanFile,
      directConnection: azurite.connectionString,
      proxyConnection: proxied,
      proxy,
      ...DIGEST_RUNS,
    };
    const digests: DigestMeasure[] = [];
    for (const [label, suffix, weeks] of SHOWS_ONLY
      ? []
      : ([
          ['no updates', 'd0', 0],
          ['1 update per action', 'd1', 1],
          [`${HISTORY_WEEKS} weekly updates per action (5 years)`, 'd5', HISTORY_WEEKS],
        ] as const)) {
      log(`digest: ${label}`);
      digests.push(await measureDigest(digestSetup, label, `${run}${suffix}`, weeks));
    }

    const boardPackReport = SHOWS_ONLY ? '' : `${await boardPack()}\n${await faults()}`;
    const report = `${renderReport({
      machine: describeMachine(),
      settings:
        `Settings: ${ROUNDS} alternating rounds of ${WINDOW_MS} ms per cell after ${WARM_MS} ms warm-up; ` +
        `in-memory Azurite ${azuriteVersion()}; bot LOG_LEVEL=info to /dev/null.`,
      rows,
      roundTrips: counted.byScenario,
      firstTurn: counted.firstTurn,
      digests,
      idleRss,
      finalRss,
      connectorUnexpected: connector.unexpected,
      strayReplies: connector.drainStray(),
      wallMs: performance.now() - started,
    })}\n${coldStart}\n`;
    const output = path.join(repoRoot, 'build', 'bench-results.md');
    const whole = `${report}${contention.length > 0 ? renderContention(contention) : ''}\n${boardPackReport}`;
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, whole);
    console.log(whole);
    log(`written to ${path.relative(process.cwd(), output)}`);
  } finally {
    await Promise.allSettled(children.map((child) => child.stop()));
    await connector.stop();
    await proxy.stop();
    await azurite.stop();
  }
}

const USAGE = `Usage: npm run bench -- [--quick] [--contention | --board-pack | --cold-start | --shows | --faults]

Measures the bot against an echo bot, in-memory Azurite and a loopback connector (a few minutes on two
cores), prints one table and writes it to build/bench-results.md.
  --quick        one short round, for working on the bench itself (figures too noisy to quote)
  --contention   only concurrent updates to one action
  --board-pack   only the board pack
  --cold-start   only the cold start
  --shows        only show priority 5 and show plan at 1 and 10 conversations, against the floor
  --faults       only card saves under faults and shows while a board pack is drawn`;

if (answeredHelp(USAGE)) process.exitCode = 0;
else
  main().catch((error: unknown) => {
    console.error((error as Error).stack ?? String(error));
    process.exitCode = 1;
  });
