import { Cron } from 'croner';
import { isoWeekOf } from '../domain/digest/iso-week';
import type { DigestRunner } from './digest-runner';
import type { Logger } from './logger';

/**
 * Runs the digest on DIGEST_CRON in DIGEST_TZ, and once at start-up when this week's run time has
 * already passed (a bot that was down on Monday morning catches up; the week's claim stops doubles).
 */
export function scheduleDigest(
  runner: DigestRunner,
  cron: string,
  timeZone: string,
  clock: () => Date,
  logger: Logger,
) {
  const run = async (reason: string) => {
    try {
      const result = await runner.run();
      const done = result.kind === 'posted' || result.kind === 'alreadyPosted';
      logger[done ? 'info' : 'warn']({ reason, result }, 'scheduled digest');
    } catch (error) {
      logger.error({ err: error, reason }, 'scheduled digest failed; the next run retries it');
    }
  };
  const job = new Cron(cron, { timezone: timeZone }, () => void run('schedule'));
  const now = clock();
  const week = isoWeekOf(now, timeZone);
  // The first run time in this ISO week: search from 8 days back and keep the last one before now.
  let candidate = job.nextRun(new Date(now.getTime() - 8 * 24 * 60 * 60 * 1000));
  let dueThisWeek = false;
  while (candidate && candidate <= now) {
    if (isoWeekOf(candidate, timeZone) === week) dueThisWeek = true;
    candidate = job.nextRun(candidate);
  }
  const catchUp = dueThisWeek ? run('catch-up after start') : Promise.resolve();
  return { stop: () => job.stop(), catchUp };
}
