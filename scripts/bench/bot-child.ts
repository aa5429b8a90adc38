import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { stopChild } from '../support/stop-child';
import type { BotKind, BotSample, FromBot } from './ipc';

/** The bench's handle on a bot process: its URL, its memory and CPU, and stopping it by its PID. */
export class BotChild {
  private nextId = 1;
  private readonly pending = new Map<number, (sample: BotSample) => void>();

  private constructor(
    readonly kind: BotKind,
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (message: FromBot) => {
      if (message.type !== 'sample') return;
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    });
  }

  static async start(kind: BotKind, env: Record<string, string>): Promise<BotChild> {
    const child = fork(path.join(__dirname, 'bot-process.js'), [kind], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
      // The bot logs every turn at info, as in production; the bench discards it like a log shipper would.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind} bot did not start within 30 s`)), 30_000);
      child.on('message', (message: FromBot) => {
        if (message.type === 'ready') resolve(message.port);
        if (message.type === 'failed') reject(new Error(`${kind} bot failed: ${message.message}`));
      });
      child.once('exit', (code) => reject(new Error(`${kind} bot exited with code ${code}`)));
      child.once('exit', () => clearTimeout(timer));
      child.once('message', () => clearTimeout(timer));
    });
    return new BotChild(kind, child, `http://127.0.0.1:${port}/api/messages`);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** RSS now, its peak since the last reset, and CPU used so far. */
  sample(resetPeak = false): Promise<BotSample> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.kind} bot did not answer`)), 10_000);
      this.pending.set(id, (sample) => {
        clearTimeout(timer);
        resolve(sample);
      });
      this.child.send({ type: 'sample', id, resetPeak });
    });
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}
