import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { guardStore } from './store-errors';

export const TABLE_NAMES = {
  planStatus: 'planstatus',
  people: 'people',
  conversations: 'conversations',
  digests: 'digests',
  reminders: 'reminders',
} as const;

export type TableName = keyof typeof TABLE_NAMES;

export type TableClients = Record<TableName, TableClient>;

/** A store that accepts connections but never answers must not hold a turn (or /healthz) for ever. */
export const STORE_REQUEST_TIMEOUT_MS = 3000;

const requestTimeout: PipelinePolicy = {
  name: 'planStoreRequestTimeout',
  sendRequest(request, next) {
    request.timeout = STORE_REQUEST_TIMEOUT_MS;
    return next(request);
  },
};

/** Short retries: a person is waiting for the answer, and an outage should be reported, not hidden. */
const clientOptions = (connectionString: string): TableServiceClientOptions => ({
  allowInsecureConnection: /DefaultEndpointsProtocol=http;|TableEndpoint=http:/i.test(connectionString),
  retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 800 },
  additionalPolicies: [{ policy: requestTimeout, position: 'perRetry' }],
});

export function createTableClients(connectionString: string, prefix: string): TableClients {
  const make = (name: string) =>
    TableClient.fromConnectionString(connectionString, `${prefix}${name}`, clientOptions(connectionString));
  return {
    planStatus: make(TABLE_NAMES.planStatus),
    people: make(TABLE_NAMES.people),
    conversations: make(TABLE_NAMES.conversations),
    digests: make(TABLE_NAMES.digests),
    reminders: make(TABLE_NAMES.reminders),
  };
}

/** createTable already treats "exists" (409) as success. */
export async function ensureTables(clients: TableClients): Promise<void> {
  await guardStore(() => Promise.all(Object.values(clients).map((client) => client.createTable())));
}

/** Keys may not hold / \ # ? or control characters; Teams ids hold ':' '@' ';' and more. */
export function safeKey(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}
