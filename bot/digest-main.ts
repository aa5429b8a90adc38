import { ConfigError, loadConfig, npmFlags } from './config';
import pino from 'pino';
import { composeBot } from './composition-root';
import { createLogger } from './logger';

/**
 * `npm run digest [-- --force] [-- --dry-run]`: one scheduled digest for an external scheduler (cron,
 * an Azure Functions timer, a Container Apps job). It honours the once-a-week claim unless --force.
 */
async function main(argv: string[]): Promise<number> {
  const force = argv.includes('--force');
  const dryRun = argv.includes('--dry-run');
  const config = { ...loadConfig(), port: 0 };
  // stdout carries the result (or the --dry-run digest); logs go to stderr.
  const bot = await composeBot(config, { logger: createLogger(config.logLevel, pino.destination(2)) });
  try {
    if (dryRun) {
      const { digest, card } = await bot.deps.digest.prepare();
      console.log(digest.summary);
      console.log(JSON.stringify(card, null, 2));
      return 0;
    }
    const result = await bot.deps.digest.run({ force });
    console.log(JSON.stringify(result));
    return result.kind === 'posted' || result.kind === 'alreadyPosted' ? 0 : 1;
  } finally {
    await bot.close();
  }
}

main([...process.argv.slice(2), ...npmFlags()])
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
