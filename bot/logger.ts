import tty from 'node:tty';
import pino, { type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import { loggedError } from './log-errors';

export type { Logger };

/** Where the logs go: a stream (tests capture JSON this way), or stdout/stderr by file descriptor. */
export type LogDestination = pino.DestinationStream | 'stdout' | 'stderr';

/** Header names as Node and axios spell them; each is redacted at every depth a log line nests it to. */
const SECRET_HEADERS = ['authorization', 'Authorization', 'cookie', 'Cookie', 'x-ms-authorization-auxiliary'];
const HEADER_HOLDERS = [
  'headers',
  'config.headers',
  'request.headers',
  'response.headers',
  'response.config.headers',
];
const nestedHeaderPaths = HEADER_HOLDERS.flatMap((holder) =>
  SECRET_HEADERS.flatMap((header) =>
    ['', '*.', '*.*.'].map(
      (prefix) => `${prefix}${holder}${/^[\w]+$/.test(header) ? `.${header}` : `["${header}"]`}`,
    ),
  ),
);

/**
 * Secrets and owners' notes never reach the logs: errors are written as named fields only (log-errors.ts,
 * never a failed call's request, whose headers hold the bearer token and whose body holds a card's text),
 * and anything that looks like a credential is redacted wherever it appears.
 *
 * A person at a terminal gets pino-pretty's readable lines; anything else (a container's log collector,
 * a pipe, a test) gets one JSON object per line, which Application Insights and Log Analytics parse.
 */
export function createLogger(level: string, destination: LogDestination = 'stdout'): Logger {
  return pino(
    {
      level,
      base: { service: 'oscb-plan-bot' },
      serializers: { err: loggedError },
      redact: {
        paths: [
          'password',
          '*.password',
          'connectionString',
          '*.connectionString',
          'authorization',
          '*.authorization',
          'Authorization',
          '*.Authorization',
          ...nestedHeaderPaths,
          'credentials',
          '*.credentials',
          'token',
          '*.token',
        ],
        censor: '[redacted]',
      },
    },
    typeof destination === 'string' ? streamFor(destination === 'stdout' ? 1 : 2) : destination,
  );
}

function streamFor(fd: 1 | 2): pino.DestinationStream {
  if (!tty.isatty(fd)) return pino.destination(fd);
  // Loaded only for a terminal: a container's start does not pay for it (cold start, speed-and-reliability.md).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pretty = require('pino-pretty') as typeof PinoPretty;
  // In-process and synchronous (not a transport worker), so the last line before an exit is printed.
  return pretty({
    destination: fd,
    sync: true,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
  });
}
