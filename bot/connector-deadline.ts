import type { TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';

/**
 * How long one call to the Bot Connector (a roster lookup, a reply, a card update, a proactive send)
 * may take, retries included. Teams waits about 15 s for a turn; a roster lookup and a reply must both
 * fit in it, with time to spare for the answer.
 */
export const CONNECTOR_TIMEOUT_MS = 4000;

type OperationArguments = Parameters<ConnectorClient['sendOperationRequest']>[0];
type AbortSignalLike = NonNullable<NonNullable<OperationArguments['options']>['abortSignal']>;

const limited = new WeakSet<ConnectorClient>();

function withDeadline(given: AbortSignalLike | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return given ? AbortSignal.any([given as AbortSignal, timeout]) : timeout;
}

/**
 * Gives every Bot Connector operation of this turn a deadline. The turn's ConnectorClient serves the
 * replies, card updates and roster lookups alike; the abort signal is given per operation, so it bounds
 * the client's own retries too (its backoff, and a Retry-After that would wait a minute), and the call
 * fails with an AbortError. botframework-connector's factory replaces any request policies passed in
 * its options, so the signal goes on the operation instead.
 */
export function limitConnectorCalls(context: TurnContext, timeoutMs = CONNECTOR_TIMEOUT_MS): void {
  const client = context.turnState.get<ConnectorClient | undefined>(context.adapter.ConnectorClientKey);
  if (!client || limited.has(client)) return;
  const send = client.sendOperationRequest.bind(client);
  client.sendOperationRequest = (operation, spec, callback) =>
    send(
      {
        ...operation,
        options: {
          ...operation.options,
          abortSignal: withDeadline(operation.options?.abortSignal, timeoutMs),
        },
      },
      spec,
      callback,
    );
  limited.add(client);
}
