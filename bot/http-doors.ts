import type http from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from './logger';

/**
 * How long a client may take and how many it may be. Teams answers within its own 15 s and never drips,
 * so anything slower than that is a broken or hostile client.
 */
export interface DoorLimits {
  /** From a connection opening (or its previous response ending) to a complete request head. */
  headersMs: number;
  /** From a complete head to a complete body. */
  bodyMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
  /** Open connections past which idle ones are shed and new ones get `crowdedHeadersMs` for their head. */
  maxConnections: number;
  crowdedHeadersMs: number;
  /** Turns (`POST /api/messages`) handled at once; more wait in line, at most `queueWaitMs` and `maxQueued`. */
  maxTurnsInFlight: number;
  maxQueued: number;
  queueWaitMs: number;
}

export const DOOR_LIMITS: DoorLimits = {
  headersMs: 15_000,
  bodyMs: 15_000,
  keepAliveMs: 5_000,
  // Well under the common 1,024 open-file limit, which Azurite's sockets and the log share.
  maxConnections: 512,
  crowdedHeadersMs: 1_000,
  maxTurnsInFlight: 64,
  maxQueued: 512,
  // A turn that waited this long still has most of Teams' 15 s to be answered in.
  queueWaitMs: 8_000,
};

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface Waiting {
  run: () => void;
  timer: NodeJS.Timeout;
}

/** Turns in flight and the line of those waiting; shared by every address the bot listens on. */
export class TurnGate {
  private inFlight = 0;
  private readonly line: Waiting[] = [];
  refused = 0;

  constructor(
    private readonly limits: DoorLimits,
    private readonly logger: Logger,
  ) {}

  get busy(): { inFlight: number; waiting: number } {
    return { inFlight: this.inFlight, waiting: this.line.length };
  }

  admit(req: http.IncomingMessage, res: http.ServerResponse, handle: () => void): void {
    const start = () => {
      this.inFlight++;
      res.once('close', () => this.release());
      handle();
    };
    if (this.inFlight < this.limits.maxTurnsInFlight) return start();
    if (this.line.length >= this.limits.maxQueued) return this.refuse(res, 'the line is full');
    const waiting: Waiting = {
      run: start,
      timer: setTimeout(() => {
        this.line.splice(this.line.indexOf(waiting), 1);
        this.refuse(res, 'waited too long');
      }, this.limits.queueWaitMs),
    };
    this.line.push(waiting);
    // A client that gave up while waiting frees its place at once.
    req.once('close', () => {
      const at = this.line.indexOf(waiting);
      if (at < 0) return;
      clearTimeout(waiting.timer);
      this.line.splice(at, 1);
    });
  }

  private release(): void {
    this.inFlight--;
    const next = this.line.shift();
    if (!next) return;
    clearTimeout(next.timer);
    next.run();
  }

  /**
   * 503 with Retry-After: Teams documents no redelivery for a bot's 5xx, so the answer must stay rare;
   * every activity is idempotent here (redelivery applies once), so a retry by anyone is safe.
   */
  private refuse(res: http.ServerResponse, why: string): void {
    this.refused++;
    if (this.refused === 1 || this.refused % 100 === 0)
      this.logger.warn({ refused: this.refused, why, ...this.busy }, 'turn refused: too busy');
    if (res.headersSent || res.destroyed) return;
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1', connection: 'close' });
    res.end(
      JSON.stringify({ code: 'ServiceUnavailable', message: 'The bot is busy; try again in a moment.' }),
    );
  }
}

interface Door {
  /** Waiting for a request head (a new or kept-alive connection), or for a body. */
  timer?: NodeJS.Timeout;
  requests: number;
  answering: boolean;
}

/**
 * A path as it is routed: segments of plain characters only, so no percent-encoding, no empty, `.` or
 * `..` segment (a trailing slash is allowed), and no absolute-form target (`http://host/path`).
 */
function isCanonicalPath(path: string): boolean {
  if (!path.startsWith('/')) return false;
  const segments = path.slice(1).split('/');
  return segments.every((segment, at) =>
    segment === '' ? at === segments.length - 1 : /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/.test(segment),
  );
}

/**
 * Turns pass the gate; the health check, which must answer while turns queue, does not. Wrapping the
 * server's own request listeners keeps this below whichever web framework handles the request. The web
 * framework routes on a decoded, parsed path (`/%61pi/messages` and `http://x/api/messages` both reach
 * /api/messages), so a path in any spelling but the plain one is answered 404 here: what the gate sees is
 * exactly what is routed.
 */
export function gateTurns(server: http.Server, gate: TurnGate): void {
  const handlers = server.listeners('request') as Handler[];
  server.removeAllListeners('request');
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const run = () => {
      for (const handler of handlers) handler(req, res);
    };
    const path = (req.url ?? '').split('?')[0];
    if (!isCanonicalPath(path)) return notFound(res);
    if (req.method === 'POST' && path === '/api/messages') gate.admit(req, res, run);
    else run();
  });
}

function notFound(res: http.ServerResponse): void {
  res.writeHead(404, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify({ code: 'ResourceNotFound', message: 'The path is not written plainly.' }));
}

/**
 * Deadlines on each connection: Node's own header and request timeouts are only checked every 30 s, and a
 * client dripping one byte a second keeps a socket's idle timeout from ever firing.
 */
export function guardConnections(server: http.Server, limits: DoorLimits, logger: Logger): void {
  server.keepAliveTimeout = limits.keepAliveMs;
  // Backstops, checked coarsely by Node; the timers below are the real bound.
  server.headersTimeout = limits.headersMs + limits.bodyMs;
  server.requestTimeout = limits.headersMs + limits.bodyMs;
  const doors = new Map<Socket, Door>();

  const cut = (socket: Socket, why: string) => {
    logger.warn({ why, remote: socket.remoteAddress }, 'connection closed: client too slow');
    socket.destroy();
  };
  const awaitHead = (socket: Socket, door: Door, ms: number) => {
    clearTimeout(door.timer);
    door.timer = setTimeout(() => cut(socket, 'no request head in time'), ms);
  };

  server.on('connection', (socket: Socket) => {
    const door: Door = { requests: 0, answering: false };
    doors.set(socket, door);
    socket.once('close', () => {
      clearTimeout(door.timer);
      doors.delete(socket);
    });
    if (doors.size <= limits.maxConnections) return awaitHead(socket, door, limits.headersMs);
    // Crowded: shed connections that hold a place without asking anything, and give this one a short time.
    for (const [other, state] of doors) {
      if (doors.size <= limits.maxConnections) break;
      if (other !== socket && !state.answering) other.destroy();
    }
    awaitHead(socket, door, limits.crowdedHeadersMs);
  });

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const socket = req.socket;
    const door = doors.get(socket);
    if (!door) return;
    door.requests++;
    door.answering = true;
    clearTimeout(door.timer);
    door.timer = setTimeout(() => {
      if (!req.complete) cut(socket, 'request body not received in time');
    }, limits.bodyMs);
    res.once('finish', () => {
      door.answering = false;
      awaitHead(socket, door, limits.headersMs);
    });
  });
}
