import type { Server as HttpServer } from 'node:http';
import type { Server } from 'restify';

/** Long enough for a turn that is waiting on the store or the Bot Connector; short of Teams' 15 s. */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Stops accepting connections and waits for requests in flight (the turns being answered) to finish,
 * then resolves. Keep-alive connections that are idle are closed as they become idle; whatever is still
 * running after `timeoutMs` is cut off, so a stuck connection cannot hold a shutdown for ever.
 */
export function drainServer(server: Server | HttpServer, timeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
  const http = 'server' in server ? (server.server as HttpServer) : server;
  if (!http.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const sweep = setInterval(() => http.closeIdleConnections(), 100);
    const deadline = setTimeout(() => http.closeAllConnections(), timeoutMs);
    http.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve();
    });
    http.closeIdleConnections();
  });
}
