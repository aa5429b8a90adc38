import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import type { Logger } from './logger';
import { drainServer } from './server-drain';
import { DOOR_LIMITS, gateTurns, guardConnections, TurnGate, type DoorLimits } from './http-doors';

/** The restify server's own socket plus one plain HTTP server per further address, sharing its handler. */
export interface Listeners {
  port: number;
  /** What each listening socket is bound to, as the socket itself reports it. */
  addresses(): AddressInfo[];
  /** Turns being answered or waiting in line. */
  turns(): { inFlight: number; waiting: number };
  close(): Promise<void>;
}

const NO_SUCH_ADDRESS = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);
/** A free port chosen for the first address can be taken on another by someone else; try again. */
const RANDOM_PORT_TRIES = 5;

function listenOnce(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => {
      server.off('listening', listening);
      reject(error);
    };
    const listening = () => {
      server.off('error', failed);
      resolve();
    };
    server.once('error', failed);
    server.once('listening', listening);
    server.listen(port, host);
  });
}

const closeServer = (server: http.Server) =>
  new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));

/** A second socket for the same restify server: the same request handling, another address. */
function sibling(restifyServer: Server): http.Server {
  const extra = http.createServer();
  for (const event of ['request', 'checkContinue'] as const) {
    for (const listener of restifyServer.server.listeners(event))
      extra.on(event, listener as (...args: unknown[]) => void);
  }
  return extra;
}

/**
 * Listens on every host on one port. An address this machine does not have (no IPv6 loopback) is
 * skipped with a warning; anything else that stops a listener stops start-up.
 */
export async function listenOnHosts(
  restifyServer: Server,
  hosts: string[],
  port: number,
  logger: Logger,
  limits: DoorLimits = DOOR_LIMITS,
): Promise<Listeners> {
  // Before the siblings copy the request listeners, so one line of turns serves every address.
  const gate = new TurnGate(limits, logger);
  gateTurns(restifyServer.server, gate);
  guardConnections(restifyServer.server, limits, logger);
  for (let attempt = 1; ; attempt++) {
    const servers: http.Server[] = [];
    // restify re-emits its socket's errors on itself, where an unheard 'error' would crash the process;
    // listenOnce hears them on the socket and rejects.
    const heardBelow = () => {};
    restifyServer.on('error', heardBelow);
    try {
      await listenOnce(restifyServer.server, port, hosts[0]);
      servers.push(restifyServer.server);
      const bound = (restifyServer.server.address() as AddressInfo).port;
      for (const host of hosts.slice(1)) {
        const extra = sibling(restifyServer);
        guardConnections(extra, limits, logger);
        try {
          await listenOnce(extra, bound, host);
          servers.push(extra);
        } catch (error) {
          if (!NO_SUCH_ADDRESS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
          logger.warn(
            { host, code: (error as NodeJS.ErrnoException).code },
            'address not available here; skipped',
          );
        }
      }
      restifyServer.off('error', heardBelow);
      return {
        port: bound,
        addresses: () => servers.map((server) => server.address() as AddressInfo),
        turns: () => gate.busy,
        // Turns in flight are answered before the process stops (SIGTERM), on every address.
        close: async () => {
          await Promise.all(servers.map((server) => drainServer(server)));
        },
      };
    } catch (error) {
      await Promise.all(servers.map(closeServer));
      restifyServer.off('error', heardBelow);
      const code = (error as NodeJS.ErrnoException).code;
      if (port !== 0 || code !== 'EADDRINUSE' || attempt >= RANDOM_PORT_TRIES) throw error;
    }
  }
}
