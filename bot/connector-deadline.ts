import { AsyncLocalStorage } from 'node:async_hooks';
import type { ClientOptions } from '@microsoft/teams.common';

/**
 * How long one call to the Bot Connector (a roster lookup, a reply, a card update) may take, token
 * included. Teams waits about 15 s for a turn; a roster lookup and a reply must both fit in it, with time
 * to spare for the answer.
 */
export const CONNECTOR_TIMEOUT_MS = 4000;

type Middleware = NonNullable<ClientOptions['middlewares']>[number];

/** A caller that owns its own deadline (a proactive send) runs its calls inside this with its signal. */
const callerSignal = new AsyncLocalStorage<AbortSignal>();

export function withCallerDeadline<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return callerSignal.run(signal, work);
}

/**
 * The SDK's HTTP client options, with a deadline on every request it makes to the Bot Connector (through
 * its public middleware option): the caller's signal when it set one, otherwise `timeoutMs`. An aborted
 * request fails with the client's CanceledError, which the bot reads as "Teams did not answer".
 */
export function connectorClientOptions(timeoutMs = CONNECTOR_TIMEOUT_MS): ClientOptions {
  const deadline: Middleware = {
    invoke(context, next) {
      const given = context.config.signal as AbortSignal | undefined;
      const limit = callerSignal.getStore() ?? AbortSignal.timeout(timeoutMs);
      context.config.signal = given ? AbortSignal.any([given, limit]) : limit;
      return next();
    },
  };
  return { middlewares: [deadline] };
}
