import { loadConfig } from './config';
import { startAzurite } from '../storage/azurite-process';
import { describeFailure } from './one-line-problem';

/** A terminal's Ctrl+C, `kill`, `docker stop`, a closed terminal: every ordinary stop saves everything. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** listen() on a HOST that is not one of this machine's addresses (or no address at all). */
const HOST_NOT_HERE = new Set(['EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN', 'EINVAL']);

/** A stop that hit its deadline: something was still pending and was cut off (named in the log). */
const EXIT_STOP_FORCED = 3;

/** A start-up failure a person can fix; said in one line with what to do, no stack trace. */
class StartupProblem extends Error {}

async function main(): Promise<void> {
  const config = loadConfig();
  // The embedded store starts in its own process while this one loads the bot's modules (~2 s of CPU).
  const embeddedStore = 'embedded' in config.storage ? startAzurite(config.storage.embedded) : undefined;
  embeddedStore?.catch(() => {}); // composeBot awaits it and reports its failure
  const { composeBot } = await import('./composition-root');
  const { scheduleDigest } = await import('./digest-schedule');
  const bot = await composeBot(config, { embeddedStore }).catch(async (error: unknown) => {
    await embeddedStore?.then(
      (azurite) => azurite.stop(),
      () => {},
    );
    throw error;
  });
  let port: number;
  try {
    port = await bot.listen();
  } catch (error) {
    // Nothing was served, so nothing can be lost; the embedded store must not outlive this failed start.
    await bot.storage.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new StartupProblem(
        `port ${config.port} is already in use (another bot running?) — stop it or set PORT`,
      );
    }
    if (code && HOST_NOT_HERE.has(code)) {
      throw new StartupProblem(
        `HOST=${config.hosts.join(',')} is not an address of this machine (${code}) — set HOST to one of its addresses, or unset it`,
      );
    }
    if (code === 'EACCES') {
      throw new StartupProblem(
        `port ${config.port} needs privileges this user does not have — set PORT above 1023`,
      );
    }
    throw error;
  }
  const { boardAdmins, boardAdminsDefaulted } = bot.config;
  bot.logger.info(
    { port, hosts: bot.config.hosts, plan: bot.plan.id, boardAdmins },
    `OSCB plan bot listening on http://localhost:${port}/api/messages` +
      (boardAdminsDefaulted
        ? ` (local mode: ${boardAdmins.join(', ')} is the board admin, as BOARD_ADMINS is not set)`
        : ''),
  );

  const { cron, timeZone, scheduled } = bot.config.digest;
  const schedule = scheduled
    ? scheduleDigest(
        {
          // After each weekly digest: partners whose yearly report sign-off the record has since overtaken are told.
          run: async () => {
            const result = await bot.useCases.weeklyDigest.run();
            await bot.useCases.yearlySignOffs.tellEarlierVersionsLogged();
            return result;
          },
        },
        cron,
        timeZone,
        bot.clock,
        bot.logger,
      )
    : undefined;

  // One stop, however many signals arrive (a terminal's Ctrl+C reaches npm and the bot, and npm passes
  // it on): stop taking turns, let those in flight finish, then have the store save and stop. Whatever
  // is still pending at the deadline (a peer that never answers, a store that never saves) is named and
  // the process exits anyway, with a code that says so.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    bot.logger.info({ signal }, 'stopping: finishing turns in flight, then saving the store');
    schedule?.stop();
    setTimeout(() => {
      const pending = bot.pending();
      bot.logger.error(
        { pending, deadlineMs: bot.config.stopDeadlineMs },
        `stop forced after ${bot.config.stopDeadlineMs / 1000} s; still pending: ${pending.join(', ') || 'nothing named'}`,
      );
      process.exit(EXIT_STOP_FORCED);
    }, bot.config.stopDeadlineMs);
    bot.close().then(
      () => {
        bot.logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        bot.logger.error({ err: error }, 'the store did not stop cleanly');
        process.exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, () => stop(signal));
  process.on('unhandledRejection', (reason) => bot.logger.error({ err: reason }, 'unhandled rejection'));
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad configuration), so this one message goes to stderr directly.
  process.stderr.write(`${error instanceof StartupProblem ? error.message : describeFailure(error)}\n`);
  process.exit(1);
});
