import type { ILogger, LogLevel } from '@microsoft/teams.common';
import type { Logger } from './logger';

/**
 * The Teams SDK's log lines, in the bot's log. Only their text reaches it: the SDK logs whole activities
 * at debug level and errors whose request config holds the bearer token, and neither may be written.
 * Its debug and trace lines (activity bodies) are dropped.
 */
export function sdkLogger(logger: Logger, name = 'teams-sdk'): ILogger {
  const text = (parts: unknown[]) =>
    parts
      .map((part) =>
        typeof part === 'string' ? part : part instanceof Error ? `${part.name}: ${part.message}` : '',
      )
      .filter(Boolean)
      .join(' ')
      .slice(0, 500);
  const write = (level: LogLevel, parts: unknown[]) => {
    if (level === 'error') logger.error({ sdk: name }, text(parts));
    else if (level === 'warn') logger.warn({ sdk: name }, text(parts));
    else if (level === 'info') logger.debug({ sdk: name }, text(parts));
  };
  return {
    debug: () => undefined,
    trace: () => undefined,
    info: (...parts: unknown[]) => write('info', parts),
    warn: (...parts: unknown[]) => write('warn', parts),
    error: (...parts: unknown[]) => write('error', parts),
    log: (level: LogLevel, ...parts: unknown[]) => write(level, parts),
    child: (child: string) => sdkLogger(logger, `${name}/${child}`),
  };
}
