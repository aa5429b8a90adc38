import { ConfigError, loadConfig, npmFlags } from './config';
import { digestText } from '../cards/digest-text';
import { composeBot } from './composition-root';
import type { DigestRunResult } from '../app/weekly-digest';
import type { DueEscalation } from '../app/escalations';
import { UnconfirmedPostError } from '../app/messenger';
import { buildCard } from '../cards';
import { createLogger } from './logger';
import { describeFailure } from './one-line-problem';
import { plural } from '../domain/wording';

/**
 * `npm run digest [-- --force] [-- --dry-run [--json]] [-- --wait <seconds>]`: one scheduled digest for an
 * external scheduler (cron, an Azure Functions timer, a Container Apps job). It honours the week's claim
 * unless --force. Exit code 0 means this week's digest is in the board channel; anything else is not.
 */
const KNOWN_FLAGS = /^(--force|--dry-run|--json|--wait(=.*)?)$/;
const USAGE = `Usage: npm run digest -- [--dry-run [--json]] [--force] [--wait <seconds>]

Posts this week's digest to the board channel once, for an external scheduler; exit 0 means it is there.
  --dry-run   print the digest and what would be escalated, posting and sending nothing
              (--json: the digest as the Adaptive Card)
  --force     post even if this week's digest was already posted or is claimed by another run
  --wait <s>  wait up to this many seconds for another run's claim to end
With embedded storage (no AZURE_STORAGE_*), stop the bot first: one process at a time uses the data folder.`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  // A mistyped --dryrun must not fall through to a real post.
  const unknown = argv.filter(
    (arg, index) => arg.startsWith('-') && !KNOWN_FLAGS.test(arg) && argv[index - 1] !== '--wait',
  );
  const stray = argv.filter((arg, index) => !arg.startsWith('-') && argv[index - 1] !== '--wait');
  if (unknown.length + stray.length > 0)
    throw new ConfigError([
      `unknown option ${[...unknown, ...stray].map((arg) => `"${arg}"`).join(', ')}: use --dry-run [--json], --force, --wait <seconds>`,
    ]);
  const force = argv.includes('--force');
  const dryRun = argv.includes('--dry-run');
  const waitMs = waitOption(argv);
  const config = { ...loadConfig(), port: 0 };
  // stdout carries the result (or the --dry-run digest); logs go to stderr.
  const bot = await composeBot(config, { logger: createLogger(config.logLevel, 'stderr'), job: true });
  try {
    if (dryRun) {
      const { digest, answer } = await bot.useCases.weeklyDigest.prepare();
      const due = await bot.useCases.escalations.due();
      if (argv.includes('--json')) {
        console.log(JSON.stringify(buildCard(answer.screen), null, 2));
      } else {
        console.log(digestText(digest.view));
        console.log(['', ...escalationLines(due, bot.config.escalation.afterDays)].join('\n'));
      }
      return 0;
    }
    const result = await bot.useCases.weeklyDigest.run({ force, waitMs });
    await bot.useCases.yearlySignOffs.tellEarlierVersionsLogged();
    console.log(JSON.stringify(result));
    const problem = problemOf(result);
    if (problem === undefined) return 0;
    console.error(problem);
    return 1;
  } catch (error) {
    if (!(error instanceof UnconfirmedPostError)) throw error;
    console.error(
      `The digest was not confirmed: ${error.message}. The week's claim was given back; run again (the attempt is kept on record, so a redaction finds it if Teams did post it).`,
    );
    return 1;
  } finally {
    await bot.close();
  }
}

/** What this run would escalate (before its claims: one already escalated this week is not sent again). */
function escalationLines(due: DueEscalation[], afterDays: number): string[] {
  if (due.length === 0)
    return [
      `Would escalate: nothing (no action silent for ${afterDays} days after a reminder, or without an owner).`,
    ];
  return [
    `Would escalate (unless already escalated this week): ${plural(due.length, 'action')}`,
    ...due.map(
      (item) =>
        `  ${item.action.id} ${item.action.title}: ${item.why === 'noOwner' ? 'no owner' : `owner ${item.status.ownerName ?? item.status.ownerEmail ?? ''}, no update`} for ${plural(item.silentDays, 'day')}; to ${item.recipients.join(', ') || 'nobody (set ESCALATE_TO or BOARD_ADMINS)'}`,
    ),
  ];
}

/** Undefined when the digest is in the board channel; otherwise one line saying why not. */
function problemOf(result: DigestRunResult): string | undefined {
  switch (result.kind) {
    case 'posted':
    case 'alreadyPosted':
      return undefined;
    case 'noBoardChannel':
      return `The digest was not posted: ${result.reason}. ${plural(result.adminsTold, 'admin')} told in their personal chats; an admin must say "set board channel" in the board's channel.`;
    case 'botRemoved':
      return `The digest was not posted: Teams answered ${result.status}; the bot is no longer in the board channel.`;
    case 'inProgressElsewhere':
      return `The digest was not posted by this run: another run (${result.claimant}) is posting ${result.week}'s digest, its claim runs until ${result.leaseUntil}. Run again after that.`;
  }
}

function waitOption(argv: string[]): number | undefined {
  const index = argv.findIndex((arg) => arg === '--wait' || arg.startsWith('--wait='));
  if (index < 0) return undefined;
  const raw = argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
  const seconds = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(seconds) || seconds < 0)
    throw new ConfigError([`--wait must be a number of seconds (got "${raw ?? ''}")`]);
  return seconds * 1000;
}

main([...process.argv.slice(2), ...npmFlags()])
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(describeFailure(error));
    process.exit(1);
  });
