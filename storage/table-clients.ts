import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { guardStore } from './store-errors';

export const TABLE_NAMES = {
  planStatus: 'planstatus',
  people: 'people',
  conversations: 'conversations',
  digests: 'digests',
  reminders: 'reminders',
  boardPacks: 'boardpacks',
  escalations: 'escalations',
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

/** Azure Table Storage as configured: by connection string, or by account URL and the Entra identity. */
export function azureTableClients(
  store: { connectionString: string } | { accountUrl: string },
  prefix: string,
): TableClients {
  if ('connectionString' in store) return createTableClients(store.connectionString, prefix);
  // Managed identity in Azure; `az login`, Visual Studio Code or environment variables on a laptop.
  return createTableClients(
    { accountUrl: store.accountUrl, credential: new DefaultAzureCredential() },
    prefix,
  );
}

/** Short retries: a person is waiting for the answer, and an outage should be reported, not hidden. */
const clientOptions = (allowInsecureConnection: boolean): TableServiceClientOptions => ({
  allowInsecureConnection,
  retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 800 },
  additionalPolicies: [{ policy: requestTimeout, position: 'perRetry' }],
});

/** The account's table endpoint and an Entra identity allowed to use it (Storage Table Data Contributor). */
export interface AccountWithIdentity {
  accountUrl: string;
  credential: TokenCredential;
}

/** `store` is a connection string (account key, SAS, Azurite) or an account URL with an identity. */
export function createTableClients(store: string | AccountWithIdentity, prefix: string): TableClients {
  const make = (name: string) =>
    typeof store === 'string'
      ? TableClient.fromConnectionString(
          store,
          `${prefix}${name}`,
          clientOptions(/DefaultEndpointsProtocol=http;|TableEndpoint=http:/i.test(store)),
        )
      : new TableClient(store.accountUrl, `${prefix}${name}`, store.credential, clientOptions(false));
  return {
    planStatus: make(TABLE_NAMES.planStatus),
    people: make(TABLE_NAMES.people),
    conversations: make(TABLE_NAMES.conversations),
    digests: make(TABLE_NAMES.digests),
    reminders: make(TABLE_NAMES.reminders),
    boardPacks: make(TABLE_NAMES.boardPacks),
    escalations: make(TABLE_NAMES.escalations),
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
