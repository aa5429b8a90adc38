import { TABLE_NAMES } from '../../storage/table-clients';
import { median, percentile } from './stats';
import type { WindowResult } from './load-window';
import type { BenchResults, LoadRow } from './results';

/** The targets the issue sets, with the figures that decide them. */
const SHOW_COMMANDS = ['show priority 5', 'show plan'];
/** Issue 21: the floor is the echo bot making one 16-row range query before it answers. */
const SHOW_RATIO_LIMIT = 1.3;
const SHOW_ROUND_TRIPS = 1;
const UPDATE_ROUND_TRIPS = 2;

const MB = 1024 * 1024;

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');
const whole = (value: number) => (Number.isNaN(value) ? '–' : Math.round(value).toLocaleString('en-GB'));
const megabytes = (bytes: number) => (bytes > 0 ? (bytes / MB).toFixed(0) : '–');

/** "b123cplanstatus(...)" → "planstatus(...)": the run's table prefix is noise in the report. */
const RUN_PREFIX = new RegExp(
  `\\b[A-Za-z][A-Za-z0-9]*?(${Object.values(TABLE_NAMES).join('|')})(?=\\()`,
  'g',
);
const requestList = (requests: string[]) =>
  requests.map((request) => request.replace(RUN_PREFIX, '$1')).join('; ') || 'none';

interface Summary {
  p50: number;
  p99: number;
  perSecond: number;
  errors: number;
  stale: number;
  turns: number;
}

/** Medians over the alternating rounds, so one disturbed window does not decide a row. */
function summarise(windows: WindowResult[]): Summary {
  const count = (pick: (window: WindowResult) => number) => windows.reduce((sum, w) => sum + pick(w), 0);
  return {
    p50: median(windows.map((window) => percentile(window.latenciesMs, 50))),
    p99: median(windows.map((window) => percentile(window.latenciesMs, 99))),
    perSecond: median(windows.map((window) => (window.turns / window.elapsedMs) * 1000)),
    errors: count((window) => [...window.errors.values()].reduce((sum, n) => sum + n, 0)),
    stale: count((window) => window.stale),
    turns: count((window) => window.turns),
  };
}

function roundTripCell(values: number[] | undefined): string {
  if (!values || values.length === 0) return '–';
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${low}–${high}`;
}

function errorDetails(rows: LoadRow[]): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    for (const [kind, windows] of [
      ['ours', row.ours],
      ['echo', row.echo],
    ] as const) {
      const merged = new Map<string, number>();
      for (const window of windows)
        for (const [error, n] of window.errors) merged.set(error, (merged.get(error) ?? 0) + n);
      for (const [error, n] of merged)
        lines.push(`- ${kind}, ${row.scenario} at ${row.conversations}: ${n} × ${error}`);
    }
  }
  return lines;
}

export function renderReport(results: BenchResults): string {
  const header = [
    'scenario',
    'conv',
    'ours p50 ms',
    'ours p99 ms',
    'ours turns/s',
    'echo p50 ms',
    'echo p99 ms',
    'echo turns/s',
    'p50 ours/echo',
    'p99 ours/echo',
    'bot CPU ms/turn ours/echo',
    'table RT/turn',
    'errors ours/echo',
    'peak RSS MB ours/echo',
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  const summaries = new Map<string, { ours: Summary; echo: Summary }>();
  let totalErrors = 0;
  let totalStale = 0;
  for (const row of results.rows) {
    const ours = summarise(row.ours);
    const echo = summarise(row.echo);
    summaries.set(`${row.scenario}@${row.conversations}`, { ours, echo });
    totalErrors += ours.errors + echo.errors;
    totalStale += ours.stale;
    lines.push(
      `| ${[
        row.scenario,
        row.conversations,
        ms(ours.p50),
        ms(ours.p99),
        whole(ours.perSecond),
        ms(echo.p50),
        ms(echo.p99),
        whole(echo.perSecond),
        ratio(ours.p50 / echo.p50),
        ratio(ours.p99 / echo.p99),
        `${ms(median(row.oursCpuMsPerTurn))} / ${ms(median(row.echoCpuMsPerTurn))}`,
        roundTripCell(results.roundTrips.get(row.scenario)?.perTurn),
        `${ours.errors} / ${echo.errors}`,
        `${megabytes(Math.max(...row.oursPeakRssBytes))} / ${megabytes(Math.max(...row.echoPeakRssBytes))}`,
      ].join(' | ')} |`,
    );
  }
  for (const digest of results.digests) {
    lines.push(
      `| digest prepare: ${digest.label} | – | ${ms(median(digest.timesMs))} | ${ms(percentile(digest.timesMs, 99))} | – | – | – | – | – | – | – | ${roundTripCell(digest.roundTrips)} | 0 / – | – |`,
    );
  }

  const targets: string[] = [];
  const verdict = (met: boolean) => (met ? '**met**' : '**MISSED**');
  for (const command of SHOW_COMMANDS) {
    for (const conversations of [1, 10]) {
      const pair = summaries.get(`${command}@${conversations}`);
      if (!pair) continue;
      const factor = pair.ours.p50 / pair.echo.p50;
      targets.push(
        `- \`${command}\` p50 ≤ ${SHOW_RATIO_LIMIT}× the floor (echo + one 16-row read) at ${conversations} conversation(s): ${ms(pair.ours.p50)} ms vs ${ms(pair.echo.p50)} ms = ${ratio(factor)} → ${verdict(factor <= SHOW_RATIO_LIMIT)}`,
      );
    }
  }
  for (const row of results.rows.filter((candidate) => candidate.conversations === 1)) {
    const limit = row.isUpdate ? UPDATE_ROUND_TRIPS : SHOW_ROUND_TRIPS;
    const counts = results.roundTrips.get(row.scenario)?.perTurn ?? [];
    const worst = counts.length ? Math.max(...counts) : Number.NaN;
    targets.push(
      `- ≤ ${limit} table round trip(s) for \`${row.scenario}\`: ${roundTripCell(counts)} → ${verdict(worst <= limit)}`,
    );
  }
  const digestTrips = results.digests.map(
    (digest) => `${roundTripCell(digest.roundTrips)} (${digest.label})`,
  );
  const flat = new Set(results.digests.flatMap((digest) => digest.roundTrips)).size === 1;
  if (digestTrips.length > 0)
    targets.push(`- digest round trips independent of history: ${digestTrips.join(', ')} → ${verdict(flat)}`);
  const underFifty = results.rows.filter((row) => row.conversations === 50);
  const peak = (pick: (row: LoadRow) => number[]) => Math.max(...underFifty.flatMap(pick));
  targets.push(
    `- peak RSS under 50 conversations (no target set): ours ${megabytes(peak((row) => row.oursPeakRssBytes))} MB, echo ${megabytes(peak((row) => row.echoPeakRssBytes))} MB`,
  );
  const countingErrors = [...results.roundTrips.values()].reduce(
    (sum, counts) => sum + counts.errors.length,
    0,
  );
  targets.push(
    `- zero errors: ${totalErrors} in load runs, ${countingErrors} in counted turns, ${results.strayReplies} stray replies, ${results.connectorUnexpected.length} unexpected connector calls → ${verdict(totalErrors + countingErrors + results.strayReplies + results.connectorUnexpected.length === 0)}`,
  );

  const notes: string[] = [
    `- Turns: personal-chat activities from ${Math.max(...results.rows.map((row) => row.conversations))} distinct users (all in BOARD_ADMINS), sent over loopback HTTP to \`/api/messages\`; latency is until the bot's HTTP answer, by which time its reply has reached the recording connector. Windows alternate ours, echo, ours, echo…; each cell is the median over the rounds.`,
    `- Updates: conversation i updates action i mod 16 and one update per action is in flight at a time (the plan has 16 actions), so at 50 conversations at most 16 updates run concurrently, for the echo bot too. Card updates name the version the last answer's form carried; "changed since your form" answers: ${totalStale}.`,
    `- Table round trips: HTTP requests reaching Azurite through a counting proxy, one turn at a time after the speaker's first turn (a \`$batch\` transaction is one). A person's very first turn costs ${results.firstTurn.table} (${requestList(results.firstTurn.requests)}); roster lookups go to the connector and are cached.`,
    ...[...results.roundTrips].map(
      ([scenario, counts]) =>
        `  - ${scenario}: ${requestList(counts.requests)}; connector calls per turn ${roundTripCell(counts.connectorPerTurn)}`,
    ),
    `- Digest: \`DigestRunner.prepare()\` for the shipped plan with a board channel and a previous digest on record; ${results.digests.map((digest) => `${digest.label}: ${digest.timesMs.length} timed runs${digest.weeks > 1 ? `, seeded in ${(digest.seedMs / 1000).toFixed(1)} s` : ''}`).join('; ')}. Requests per prepare: ${requestList(results.digests[0]?.requests ?? [])}.`,
    `- RSS before load: ours ${megabytes(results.idleRss.ours)} MB, echo ${megabytes(results.idleRss.echo)} MB; after all load: ours ${megabytes(results.finalRss.ours)} MB, echo ${megabytes(results.finalRss.echo)} MB. Peak RSS is sampled every 50 ms inside each bot process during its windows; bot CPU is the bot process's own user + system time over a window divided by its turns (Azurite's and the load generator's are not in it).`,
    `- Azurite is not Azure Table Storage: its latency and how its queries scale say nothing about the service; the round-trip counts carry over.`,
    ...errorDetails(results.rows),
    ...results.connectorUnexpected.map((call) => `- unexpected connector call: ${call}`),
  ];

  return [
    `# npm run bench`,
    '',
    results.machine,
    results.settings,
    '',
    ...lines,
    '',
    '## Targets',
    '',
    ...targets,
    '',
    '## Notes',
    '',
    ...notes,
    '',
    `Finished in ${(results.wallMs / 1000).toFixed(0)} s.`,
    '',
  ].join('\n');
}
