import { describeFailure } from '../../bot/one-line-problem';
import { answeredHelp } from '../support/help-flag';

/**
 * Runs a command line script: `--help` prints the usage and exits 0; bad arguments (parseArgs' ERR_PARSE_ARGS_* errors, or `parse` giving
 * undefined for a missing option) print the usage and exit 2; otherwise the exit code is the command's.
 */
export function runCommand(usage: string, parse: () => Promise<number> | undefined): void {
  if (answeredHelp(usage)) return;
  let run: Promise<number> | undefined;
  try {
    run = parse();
  } catch (error) {
    if (!String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) throw error;
    console.error(`${(error as Error).message}\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (!run) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  run.then(
    (exitCode) => {
      process.exitCode = exitCode;
    },
    (error: unknown) => {
      console.error(describeFailure(error));
      process.exitCode = 1;
    },
  );
}
