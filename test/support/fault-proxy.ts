import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { azuriteConnectionString } from '../../storage/azurite-process';

/**
 * An HTTP proxy in front of Azurite that lets the first `okBatches` batch writes (POST …/$batch) through
 * and answers every later one 500, as a storage account failing part way through an import does. Reads
 * and table creation always pass.
 */
export class FaultProxy {
  batches = 0;
  private server?: http.Server;
  private port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly okBatches: number,
  ) {}

  get connectionString(): string {
    return azuriteConnectionString('127.0.0.1', this.port);
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const isBatch = req.method === 'POST' && (req.url ?? '').includes('$batch');
      if (isBatch && ++this.batches > this.okBatches) {
        req.resume();
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ 'odata.error': { code: 'InternalError', message: { value: 'fault proxy' } } }),
        );
        return;
      }
      const upstream = http.request(
        { host: '127.0.0.1', port: this.targetPort, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
