import { PUBLIC, withOverrides, type CloudEnvironment } from '@microsoft/teams.api';
import { App, type IHttpServerAdapter } from '@microsoft/teams.apps';
import type { BotCredentials } from './config';
import { connectorClientOptions } from './connector-deadline';
import type { Logger } from './logger';
import { sdkLogger } from './sdk-logger';

/** Outbound tokens from somewhere other than Microsoft Entra (tests: login.microsoftonline.com is offline). */
export type OutboundTokens = (scope: string | string[], tenantId?: string) => string | Promise<string>;

export interface TeamsAppOptions {
  /** Overrides the public cloud's OpenID metadata document (sovereign clouds, tests). */
  openIdMetadataUrl?: string;
  /** The deadline on each Bot Connector call in a turn. */
  outboundTimeoutMs?: number;
  outboundTokens?: OutboundTokens;
  /** The one HTTP server's seam: the SDK registers its messaging endpoint there. */
  httpServerAdapter: IHttpServerAdapter;
}

/**
 * The Teams SDK's App. With credentials, the SDK validates every inbound token (Bot Framework and Entra
 * issuers, audience BOT_ID, its signing keys from the cloud's OpenID metadata) and outbound calls carry a
 * token from the client secret or, without one, the managed identity. Without credentials (local mode)
 * the SDK accepts unauthenticated requests, which is only safe on a developer's machine: the server
 * answers loopback callers only, and the composition root logs a warning.
 */
export function createTeamsApp(
  credentials: BotCredentials | undefined,
  logger: Logger,
  options: TeamsAppOptions,
): App {
  const cloud: CloudEnvironment = options.openIdMetadataUrl
    ? withOverrides(PUBLIC, { openIdMetadataUrl: options.openIdMetadataUrl })
    : PUBLIC;
  return new App({
    // Given explicitly, '' for none: the SDK reads CLIENT_ID, CLIENT_SECRET and TENANT_ID from the
    // environment when an option is missing, and config.ts is the only reader of the environment.
    clientId: credentials?.appId ?? '',
    tenantId: credentials?.tenantId ?? '',
    clientSecret: (!options.outboundTokens && credentials?.password) || '',
    ...(credentials && options.outboundTokens ? { token: options.outboundTokens } : {}),
    ...(credentials?.managedIdentityClientId
      ? { managedIdentityClientId: credentials.managedIdentityClientId }
      : {}),
    cloud,
    dangerouslyAllowUnauthenticatedRequests: !credentials,
    httpServerAdapter: options.httpServerAdapter,
    client: connectorClientOptions(options.outboundTimeoutMs),
    logger: sdkLogger(logger),
    // The bot stores no turn state: the record is in Table Storage.
    state: false,
  });
}
