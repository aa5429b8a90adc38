import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../bot/config';
import { composeBot, type Bot } from '../bot/composition-root';
import { createLogger } from '../bot/logger';
import { renderYearlyReportDocx } from '../documents/yearly-report-docx';
import { plural } from '../domain/wording';
import { readReportYear } from '../domain/yearly-report/report-year';
import { PlanFileError } from '../plan/load-plan';
import { writePrivateFiles } from '../storage/private-files';
import { isUnavailable, StorageStartError } from '../storage/store-errors';
import { runCommand } from './table-backup/run-command';

const USAGE = 'Usage: npm run yearly-report -- --year 2026-27 --out <folder>';
/** Shown in the file as who produced it. */
const GENERATED_BY = 'the command line (npm run yearly-report)';

/**
 * `npm run yearly-report -- --year 2026-27 --out ./reports`: the partners' yearly report from the bot's own
 * storage, as at the year's end (or as at now, marked DRAFT, while the year runs).
 */
runCommand(USAGE, () => {
  const { values } = parseArgs({
    options: { year: { type: 'string' }, out: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (!values.out || !values.year) return undefined;
  // The year's form is checked before any storage starts; its bounds come from the configuration.
  const form = readReportYear(values.year, 4, 'UTC');
  if (!form.ok) {
    console.error(`${form.problem}\n${USAGE}`);
    return Promise.resolve(2);
  }
  return writeReport(values.year, path.resolve(values.out));
});

async function writeReport(year: string, outDir: string): Promise<number> {
  let bot: Bot | undefined;
  try {
    const config = { ...loadConfig(), port: 0 };
    // A job: it never listens, so it has no inbound authentication to warn about. Logs go to stderr.
    bot = await composeBot(config, { logger: createLogger(config.logLevel, 'stderr'), job: true });
    const built = await bot.useCases.yearlyReports.build(year, GENERATED_BY);
    if (!built.ok) {
      console.error(`No yearly report: ${built.problem}`);
      return 1;
    }
    const bytes = await renderYearlyReportDocx(built.view);
    let where: string;
    try {
      // The report holds every note: 0600 in a new 0700 folder, written over like a board pack.
      [where] = await writePrivateFiles(outDir, [{ name: built.fileName, bytes }]);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!code) throw error;
      console.error(`No yearly report: cannot write to ${outDir} (${code}). Choose another --out folder.`);
      return 1;
    }
    const { view } = built;
    console.log(where);
    console.log(
      `Yearly report ${view.year.label} as at ${view.asAt.label}${view.draft ? ' (DRAFT: the year is still running)' : ''}: ` +
        `${plural(view.impact.statements.length, 'impact statement')}, ` +
        `${plural(view.impact.without.length, 'action')} with no impact recorded, ` +
        `${plural(view.littleProgress.length, 'action')} with little or no progress; ` +
        `content fingerprint ${view.fingerprint}.`,
    );
    return 0;
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof StorageStartError ||
      error instanceof PlanFileError
    ) {
      console.error(error.message);
      return 1;
    }
    if (isUnavailable(error)) {
      console.error(
        'No yearly report: the plan store cannot be reached. Check AZURE_STORAGE_* and try again.',
      );
      return 1;
    }
    throw error;
  } finally {
    await bot?.close();
  }
}
