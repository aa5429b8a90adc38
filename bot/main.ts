import { ConfigError, loadConfig } from './config';
import { composeBot } from './composition-root';
import { scheduleDigest } from './digest-schedule';

async function main(): Promise<void> {
  const bot = await composeBot(loadConfig());
  const port = await bot.listen();
  bot.logger.info(
    { port, host: bot.config.host, plan: bot.plan.id },
    `OSCB plan bot listening on http://localhost:${port}/api/messages`,
  );

  const { cron, timeZone, scheduled } = bot.config.digest;
  const schedule = scheduled
    ? scheduleDigest(bot.deps.digest, cron, timeZone, bot.deps.clock, bot.logger)
    : undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    bot.logger.info({ signal }, 'stopping');
    schedule?.stop();
    await bot.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('unhandledRejection', (reason) => bot.logger.error({ err: reason }, 'unhandled rejection'));
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad configuration), so this one message goes to stderr directly.
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`,
  );
  process.exit(1);
});
