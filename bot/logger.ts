import tty from 'node:tty';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** Where the logs go: a stream (tests capture JSON this way), or stdout/stderr by file descriptor. */
export type LogDestination = pino.DestinationStream | 'stdout' | 'stderr';

/**
 * Secrets and owners' notes never reach the logs at info level: notes are logged only by debug lines,
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
      redact: {
        paths: [
          'password',
          '*.password',
          'connectionString',
          '*.connectionString',
          'authorization',
          '*.authorization',
          'headers.authorization',
          '*.headers.authorization',
          'req.headers.authorization',
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
  // In-process and synchronous (not a transport worker), so the last line before an exit is printed.
  return pretty({
    destination: fd,
    sync: true,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
  });
}
