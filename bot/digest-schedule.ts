import { Cron } from 'croner';
import { DAY_MS } from '../domain/days';
import { isoWeekOf } from '../domain/digest/iso-week';
import type { WeeklyDigest } from '../app/weekly-digest';
import type { Logger } from './logger';

/** A run that failed (Teams or the store away, another run still posting) is tried again this often. */
const RETRY_MS = 10 * 60 * 1000;

/**
 * Runs the digest on DIGEST_CRON in DIGEST_TZ, and once at start-up when this week's run time has
 * already passed (a bot that was down on Monday morning catches up; the week's claim stops doubles).
 * A run that did not get the digest into the channel is retried within the same week, so a bad
 * moment on Monday morning does not cost the week.
 */
export function scheduleDigest(
  runner: Pick<WeeklyDigest, 'run'>,
  cron: string,
  timeZone: string,
  clock: () => Date,
  logger: Logger,
  options: { retryMs?: number } = {},
) {
  const retryMs = options.retryMs ?? RETRY_MS;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async (reason: string) => {
    clearTimeout(retry);
    const week = isoWeekOf(clock(), timeZone);
    let again: boolean;
    try {
      const result = await runner.run();
      const done = result.kind === 'posted' || result.kind === 'alreadyPosted';
      logger[done ? 'info' : 'warn']({ reason, result }, 'scheduled digest');
      // Without a board channel the admins have been told; retrying would change nothing until one is set.
      again = result.kind === 'inProgressElsewhere';
    } catch (error) {
      logger.error({ err: error, reason }, 'scheduled digest failed; it is retried this week');
      again = true;
    }
    if (!again || stopped) return;
    retry = setTimeout(() => {
      if (isoWeekOf(clock(), timeZone) === week) void run('retry after a failed run');
    }, retryMs);
    retry.unref();
  };
  const job = new Cron(cron, { timezone: timeZone }, () => void run('schedule'));
  const now = clock();
  const week = isoWeekOf(now, timeZone);
  // The first run time in this ISO week: search from 8 days back and keep the last one before now.
  let candidate = job.nextRun(new Date(now.getTime() - 8 * DAY_MS));
  let dueThisWeek = false;
  while (candidate && candidate <= now) {
    if (isoWeekOf(candidate, timeZone) === week) dueThisWeek = true;
    candidate = job.nextRun(candidate);
  }
  const catchUp = dueThisWeek ? run('catch-up after start') : Promise.resolve();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(retry);
      job.stop();
    },
    catchUp,
  };
}
