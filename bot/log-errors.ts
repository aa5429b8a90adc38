/**
 * What a log line says about an error. A failed HTTP call's error object carries the request it made
 * (axios: `config` with the headers, so the bot's bearer token, and `data`, so the card with an owner's
 * note; Azure's RestError: `request` and `response`), and none of that may be written. Every error is
 * reduced to named fields: its type, message, code and status, the host it called, and its cause, the
 * same way. Only errors that are not HTTP failures keep their stack (a bug's place in the code).
 */
export interface LoggedError {
  type: string;
  message: string;
  code?: string | number;
  status?: number;
  method?: string;
  host?: string;
  stack?: string;
  cause?: LoggedError | string;
}

const MAX_MESSAGE = 500;
const MAX_STACK = 4000;
const MAX_CAUSES = 3;

type Loose = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const record = (value: unknown): Loose | undefined =>
  typeof value === 'object' && value !== null ? (value as Loose) : undefined;

function hostOf(url: string | undefined, base: string | undefined): string | undefined {
  if (!url && !base) return undefined;
  try {
    return new URL(url ?? '', base).host || undefined;
  } catch {
    return undefined;
  }
}

/** axios (`config`, `response`) and Azure (`request`, `response`, `statusCode`) name the call differently. */
function httpCall(error: Loose): Pick<LoggedError, 'status' | 'method' | 'host'> | undefined {
  const config = record(error.config);
  const request = record(error.request);
  const response = record(error.response);
  if (!config && !request && !response) return undefined;
  const status = response?.status ?? error.statusCode ?? error.status;
  const method = text(config?.method) ?? text(request?.method);
  const host = hostOf(text(config?.url) ?? text(request?.url), text(config?.baseURL));
  return {
    ...(typeof status === 'number' ? { status } : {}),
    ...(method ? { method: method.toUpperCase() } : {}),
    ...(host ? { host } : {}),
  };
}

export function loggedError(error: unknown, depth = 0): unknown {
  const fields = record(error);
  if (!fields) return error;
  const call = httpCall(fields);
  const code = fields.code;
  const status = fields.statusCode ?? fields.status;
  const stack = text(fields.stack);
  const cause = fields.cause;
  return {
    type: text(fields.name) ?? (error instanceof Error ? error.constructor.name : 'object'),
    message: (text(fields.message) ?? '').slice(0, MAX_MESSAGE),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof status === 'number' ? { status } : {}),
    ...call,
    ...(!call && stack ? { stack: stack.slice(0, MAX_STACK) } : {}),
    ...(cause === undefined
      ? {}
      : { cause: depth < MAX_CAUSES ? loggedError(cause, depth + 1) : '(further causes left out)' }),
  };
}
