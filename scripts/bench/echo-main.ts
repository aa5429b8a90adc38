import { createEchoBot } from './echo-bot';

/**
 * The echo bot as a process of its own, started the way `npm start` starts ours (`node <file>`, PORT
 * from the environment), so the two cold starts compare like for like.
 */
async function main(): Promise<void> {
  const echo = createEchoBot(process.env.HOST ?? '127.0.0.1', Number(process.env.PORT ?? 3978));
  await echo.listen();
  process.once('SIGTERM', () => void echo.close().finally(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
