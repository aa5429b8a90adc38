import { BroadcastChannel } from 'node:worker_threads';

/** The channel a held drawing listens on: the test says which job may finish, by the view's title. */
export const HELD_DRAWINGS = 'oscb-held-drawings';

/**
 * A drawing-thread entry for pool tests: says it has started, then holds until the test releases its
 * title, so what is running and what is waiting is known without timing anything.
 */
export default async function heldDrawing(job: { view: { title: string } }): Promise<Uint8Array> {
  const channel = new BroadcastChannel(HELD_DRAWINGS);
  try {
    await new Promise<void>((resolve) => {
      channel.onmessage = (event) => {
        if ((event as MessageEvent).data === `release:${job.view.title}`) resolve();
      };
      channel.postMessage(`started:${job.view.title}`);
    });
    return new TextEncoder().encode(job.view.title);
  } finally {
    channel.close();
  }
}
