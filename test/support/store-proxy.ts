import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { azuriteConnectionString } from '../../storage/azurite-process';

const REQUEST_LINE = /^[A-Z]+ \S+ HTTP\/1\.1\r\n/;

/**
 * A TCP proxy in front of Azurite that can go silent: in 'blackhole' mode it accepts connections and never
 * answers, as a storage account behind a broken network path does (no refusal, no reset).
 */
export class StoreProxy {
  mode: 'pass' | 'blackhole' = 'pass';
  /**
   * A request whose head (request line and headers) matches is held, with whatever follows it on its
   * connection, until release(): a store that answers some requests late (a write, a read after a write).
   */
  holdWhen?: (head: string) => boolean;
  private readonly held: (() => void)[] = [];
  private readonly sockets = new Set<net.Socket>();
  private server?: net.Server;
  private port = 0;

  constructor(private readonly targetPort: number) {}

  get connectionString(): string {
    return azuriteConnectionString('127.0.0.1', this.port);
  }

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => client.destroy());
      if (this.mode === 'blackhole') return;
      const upstream = net.connect(this.targetPort, '127.0.0.1');
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.pipe(client);
      const queued: Buffer[] = [];
      let holding = false;
      client.on('data', (chunk: Buffer) => {
        const head = chunk.toString('latin1', 0, 2000);
        if (!holding && REQUEST_LINE.test(head) && this.holdWhen?.(head)) {
          holding = true;
          this.held.push(() => {
            holding = false;
            for (const waiting of queued.splice(0)) upstream.write(waiting);
          });
        }
        if (holding) queued.push(chunk);
        else upstream.write(chunk);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Sends every held request on, and holds no more. */
  release(): void {
    this.holdWhen = undefined;
    for (const send of this.held.splice(0)) send();
  }

  /** From now on every connection, kept-alive ones included, goes silent. */
  blackhole(): void {
    this.mode = 'blackhole';
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
