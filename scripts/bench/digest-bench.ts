import { performance } from 'node:perf_hooks';
import { composeBot, type Bot } from '../../bot/composition-root';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import type { Plan } from '../../plan/plan-schema';
import { TableBoardChannelStore, TableDigestLedger } from '../../storage/digest-repositories';
import { createTableClients, ensureTables } from '../../storage/table-clients';
import { BOARD_CHANNEL_ID } from '../support/teams-activities';
import type { CountingProxy } from './counting-proxy';
import { seedWeeklyHistory } from './seed-history';

export interface DigestMeasure {
  label: string;
  weeks: number;
  seedMs: number;
  timesMs: number[];
  roundTrips: number[];
  requests: string[];
}

export interface DigestSetup {
  plan: Plan;
  planFile: string;
  directConnection: string;
  proxyConnection: string;
  proxy: CountingProxy;
  warmRuns: number;
  timedRuns: number;
  countedRuns: number;
}

async function composeDigestBot(connectionString: string, prefix: string, planFile: string): Promise<Bot> {
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

/**
 * `DigestRunner.prepare()` on a plan whose actions have `weeks` weekly updates each, with a board channel
 * and a previous digest on record as in production. Timed against Azurite directly; round trips counted
 * by a second bot on the same tables whose endpoint is the counting proxy.
 */
export async function measureDigest(
  setup: DigestSetup,
  label: string,
  prefix: string,
  weeks: number,
): Promise<DigestMeasure> {
  const now = new Date();
  const tables = createTableClients(setup.directConnection, prefix);
  await ensureTables(tables);
  const seedStarted = performance.now();
  await seedWeeklyHistory(tables.planStatus, setup.plan, weeks, now);
  const seedMs = performance.now() - seedStarted;
  await new TableBoardChannelStore(tables.conversations).set({
    conversationId: BOARD_CHANNEL_ID,
    reference: { conversation: { id: BOARD_CHANNEL_ID }, serviceUrl: 'http://127.0.0.1:9/' },
    active: true,
    setAt: now.toISOString(),
    setBy: 'bench',
  });

  const timed = await composeDigestBot(setup.directConnection, prefix, setup.planFile);
  const counted = await composeDigestBot(setup.proxyConnection, prefix, setup.planFile);
  try {
    const first = await timed.useCases.weeklyDigest.prepare();
    await new TableDigestLedger(tables.digests).recordPosted(
      BOARD_CHANNEL_ID,
      { week: 'bench', postedAt: now.toISOString(), snapshot: JSON.stringify(first.digest.snapshot) },
      false,
    );
    for (let run = 0; run < setup.warmRuns; run++) await timed.useCases.weeklyDigest.prepare();
    const timesMs: number[] = [];
    for (let run = 0; run < setup.timedRuns; run++) {
      const started = performance.now();
      await timed.useCases.weeklyDigest.prepare();
      timesMs.push(performance.now() - started);
    }
    const roundTrips: number[] = [];
    let requests: string[] = [];
    for (let run = 0; run < setup.countedRuns; run++) {
      setup.proxy.reset();
      await counted.useCases.weeklyDigest.prepare();
      const seen = setup.proxy.reset();
      roundTrips.push(seen.count);
      requests = seen.requests;
    }
    return { label, weeks, seedMs, timesMs, roundTrips, requests };
  } finally {
    await Promise.allSettled([timed.close(), counted.close()]);
  }
}
