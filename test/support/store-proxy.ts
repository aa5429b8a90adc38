import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { azuriteConnectionString } from '../../storage/azurite-process';

/**
 * A TCP proxy in front of Azurite that can go silent: in 'blackhole' mode it accepts connections and never
 * answers, as a storage account behind a broken network path does (no refusal, no reset).
 */
export class StoreProxy {
  mode: 'pass' | 'blackhole' = 'pass';
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
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
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
