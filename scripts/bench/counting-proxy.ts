import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Sits between a bot and Azurite and counts every HTTP request that reaches the table service, so a
 * `$batch` transaction counts once, as it costs one round trip.
 */
export class CountingProxy {
  private server?: http.Server;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private seen: string[] = [];
  count = 0;
  port = 0;
  /** Requests it matches are held (a store that has not answered) until release(). */
  holdWhen?: (method: string, path: string) => boolean;
  private held: (() => void)[] = [];

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Resets the counter and the request log; returns what they held. */
  reset(): { count: number; requests: string[] } {
    const before = { count: this.count, requests: this.seen };
    this.count = 0;
    this.seen = [];
    return before;
  }

  /** Sends the held requests on, and holds no more. */
  release(): void {
    this.holdWhen = undefined;
    for (const send of this.held.splice(0)) send();
  }

  async start(): Promise<number> {
    this.server = http.createServer((req, res) => this.forward(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (this.holdWhen?.(req.method ?? '', req.url ?? '')) {
      req.pause();
      this.held.push(() => this.forward(req, res));
      return;
    }
    this.count += 1;
    if (this.seen.length < 100) this.seen.push(describe(req));
    const upstream = http.request(
      {
        host: this.targetHost,
        port: this.targetPort,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent: this.agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(error.message);
    });
    req.pipe(upstream);
  }
}

/** "GET planstatus(PartitionKey…)" without the account, query string or signature. */
function describe(req: http.IncomingMessage): string {
  const url = new URL(req.url ?? '/', 'http://x');
  const resource = decodeURIComponent(url.pathname).split('/').slice(2).join('/');
  const filter = url.searchParams.get('$filter');
  return `${req.method} ${resource}${filter ? ` ?$filter=${filter}` : ''}`;
}
