import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../bot/config';
import { oneLineProblem } from '../bot/one-line-problem';
import { composeBot, type Bot } from '../bot/composition-root';
import { createLogger } from '../bot/logger';
import { RAG_LABELS, RAG_STATUSES } from '../domain/rag-status';
import { plural } from '../domain/wording';
import { isIsoCalendarDate } from '../plan/iso-calendar-date';
import { writePrivateFiles } from '../storage/private-files';
import { runCommand } from './table-backup/run-command';

const USAGE =
  'Usage: npm run board-pack -- --out <folder> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--as-at YYYY-MM-DD]';
/** Shown in the files as who produced them. */
const GENERATED_BY = 'the command line (npm run board-pack)';

/**
 * `npm run board-pack -- --from 2026-01-01 --to 2026-03-31 --out ./packs [--as-at 2026-03-31]`: both files
 * of a board pack against the bot's own storage, for a scheduled job or someone without Teams file
 * permissions. It records no issued pack: the files reached a folder, not a person, and a scheduled run
 * must not move "since the previous board pack" for the business manager.
 */
runCommand(USAGE, () => {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'as-at': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.out) return undefined;
  const dates = { from: values.from, to: values.to, asAt: values['as-at'] };
  const badDates = Object.entries({ '--from': dates.from, '--to': dates.to, '--as-at': dates.asAt })
    .filter(([, value]) => value !== undefined && !isIsoCalendarDate(value))
    .map(([flag, value]) => `${flag} "${value}"`);
  if (badDates.length > 0) {
    console.error(
      `Not a date: ${badDates.join(', ')}. Write dates as YYYY-MM-DD, e.g. 2026-03-31.\n${USAGE}`,
    );
    return Promise.resolve(2);
  }
  return writePack(path.resolve(values.out), dates);
});

async function writePack(
  outDir: string,
  dates: { from?: string; to?: string; asAt?: string },
): Promise<number> {
  let bot: Bot | undefined;
  try {
    const config = { ...loadConfig(), port: 0 };
    // stdout carries the paths and the summary; logs go to stderr.
    bot = await composeBot(config, { logger: createLogger(config.logLevel, 'stderr'), job: true });
    const packs = bot.useCases.boardPacks;
    const prepared = await packs.prepare(dates);
    if (!prepared.ok) {
      console.error(`No board pack: ${prepared.problem}`);
      return 1;
    }
    const { view, files } = await packs.files(prepared.params, prepared.history, GENERATED_BY);
    let written: string[];
    try {
      // The pack holds every note: a new folder is 0700, each file 0600 (an existing folder is left as it is).
      written = await writePrivateFiles(outDir, files);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!code) throw error;
      console.error(`No board pack: cannot write to ${outDir} (${code}). Choose another --out folder.`);
      return 1;
    }
    for (const where of written) console.log(where);
    const counts = RAG_STATUSES.map((rag) => `${RAG_LABELS[rag]} ${view.summary.overall[rag]}`).join(', ');
    console.log(
      `Board pack as at ${view.asAt.label}, ${view.period.from.label} to ${view.period.to.label}: ${counts}; ` +
        `${plural(view.exceptions?.length ?? 0, 'exception')}; ${plural(view.changes.length, 'change')} in the period.`,
    );
    return 0;
  } catch (error) {
    const problem = oneLineProblem(error);
    if (problem === undefined) throw error;
    console.error(`No board pack: ${problem}`);
    return 1;
  } finally {
    await bot?.close();
  }
}
