import { composeBot } from '../../bot/composition-root';
import { loadConfig } from '../../bot/config';
import { createEchoBot, floorRead } from './echo-bot';
import type { BotKind, FromBot, ToBot } from './ipc';

/**
 * A bot in its own process, so the load generator does not share its event loop and the RSS reported is
 * the bot's alone. `ours` is the real bot composed from the environment the bench passes; `echo` is the
 * framework's floor. Started with an IPC channel; stopped with SIGTERM.
 */
const SAMPLE_MS = 50;

function send(message: FromBot): void {
  process.send?.(message);
}

async function start(kind: BotKind): Promise<() => Promise<void>> {
  if (kind === 'echo') {
    const { FLOOR_STORAGE, FLOOR_TABLE } = process.env;
    const read = FLOOR_STORAGE && FLOOR_TABLE ? await floorRead(FLOOR_STORAGE, FLOOR_TABLE) : undefined;
    const echo = createEchoBot('127.0.0.1', 0, read);
    send({ type: 'ready', port: await echo.listen() });
    return echo.close;
  }
  // The bench builds this process's environment itself, so no developer's .env or shell leaks in.
  const bot = await composeBot(loadConfig(process.env));
  send({ type: 'ready', port: await bot.listen() });
  return () => bot.close();
}

async function main(): Promise<void> {
  const kind = process.argv[2] as BotKind;
  if (kind !== 'ours' && kind !== 'echo') throw new Error(`unknown bot kind "${process.argv[2]}"`);

  // Sampled rather than read once: the peak under load is what matters, and maxRSS never goes down.
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, SAMPLE_MS);
  sampler.unref();
  process.on('message', (message: ToBot) => {
    if (message.type !== 'sample') return;
    const rssBytes = process.memoryUsage.rss();
    const cpu = process.cpuUsage();
    send({
      type: 'sample',
      id: message.id,
      rssBytes,
      peakRssBytes: Math.max(peak, rssBytes),
      cpuMicros: cpu.user + cpu.system,
    });
    if (message.resetPeak) peak = rssBytes;
  });

  // A bench that dies without stopping us closes the IPC channel: do not outlive it.
  process.once('disconnect', () => process.exit(0));
  const stop = await start(kind);
  process.once('SIGTERM', () => {
    void stop().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: (error as Error).stack ?? String(error) });
  process.exit(1);
});
