import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>/`, the serviceUrl a bot is given. */
  url: string;
  stop(): Promise<void>;
}

/** An HTTP server on a free loopback port, for the stand-ins that play the Bot Connector. */
export async function startLoopbackServer(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
): Promise<LoopbackServer> {
  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A stand-in service on loopback: `start()` gives its URL, `handle` answers each request. */
export abstract class LoopbackService {
  private server?: LoopbackServer;
  url = '';

  async start(): Promise<string> {
    this.server = await startLoopbackServer((req, res) => this.handle(req, res));
    this.url = this.server.url;
    return this.url;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }

  protected abstract handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
}
