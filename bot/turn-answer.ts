import type { Logger } from './logger';
import type { WorkAfterAnswer } from './work-after-answer';

/**
 * The default (TURN_ANSWER_SECONDS) of the longest a message or conversation update waits for its own work (a roster lookup, the reply post)
 * before Teams gets its HTTP answer. Teams waits about 15 s and then shows the person a failure; the
 * Bot Connector normally answers in well under a second, so this only matters when it hangs. Each of its
 * calls has its own deadline (CONNECTOR_TIMEOUT_MS, 4 s): a roster lookup and a reply that both hang
 * would take 8 s, and the failure answer a third post, so the turn answers at 5 s and its work goes on
 * after the answer, bounded by those deadlines, and a stopping bot waits for it. A slow machine drawing a
 * board pack in the turn may be given longer (at most 14 s).
 */
export const TURN_ANSWER_MS = 5000;

/** Waits for a turn's work at most `answerMs`; work still running then carries on after the answer. */
export async function answerWithin(
  what: string,
  work: Promise<void>,
  answerMs: number,
  afterAnswer: WorkAfterAnswer,
  logger: Logger,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), answerMs);
  });
  const outcome = await Promise.race([work.then(() => 'done' as const), late]);
  clearTimeout(timer);
  if (outcome === 'done') return;
  logger.warn({ what, answerMs }, 'turn answered before its work finished; the work goes on');
  afterAnswer.start(what, () => work);
}
