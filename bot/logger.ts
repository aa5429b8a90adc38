import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Secrets and owners' notes never reach the logs at info level: notes are logged only by debug lines,
 * and anything that looks like a credential is redacted wherever it appears.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
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
    destination,
  );
}
