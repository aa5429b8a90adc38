import type { SaveState, SaveWatch, WatchSaves } from '../app/save-watch';
import type { Logger } from './logger';

/**
 * When a card action (Action.Execute) is answered at the latest, from the moment its handler starts.
 * Microsoft documents five seconds for a Teams invoke's answer (message extension actions: after that the
 * person sees "Unable to reach the app"; docs/speed-and-reliability.md), and the Bot Service gives up on any
 * activity after 10–15 s. Half a second is left for the answer to travel.
 */
export const INVOKE_DEADLINE_MS = 4500;

/**
 * Runs an invoke's work, and answers with `late(state)` if it has not finished by the deadline. The work
 * goes on (a committed change still redraws the shared card), but a record write not yet sent by then is
 * refused, so the late answer stays true. The work's own failures before the deadline are rethrown.
 */
export async function answerInTime<T>(
  work: () => Promise<T>,
  late: (state: SaveState) => T,
  options: { watchSaves: WatchSaves; deadlineMs: number; logger: Logger; verb: string },
): Promise<T> {
  const watch: SaveWatch = { state: 'none', closed: false };
  const running = options.watchSaves(watch, work);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), options.deadlineMs);
  });
  try {
    const first = await Promise.race([running.then((answer) => ({ answer })), deadline]);
    if (first !== 'late') return first.answer;
  } finally {
    clearTimeout(timer);
  }
  watch.closed = true;
  options.logger.warn(
    { verb: options.verb, state: watch.state, deadlineMs: options.deadlineMs },
    'card action answered at its deadline',
  );
  running.then(
    () =>
      options.logger.info(
        { verb: options.verb, state: watch.state },
        'card action finished after its answer',
      ),
    (error: unknown) =>
      options.logger.warn(
        { err: error, verb: options.verb, state: watch.state },
        'card action failed after its answer',
      ),
  );
  return late(watch.state);
}
