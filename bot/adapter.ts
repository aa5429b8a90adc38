import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotCredentials } from './config';

/**
 * With credentials, Bot Framework authentication is enforced on every inbound request and outbound calls
 * carry a token. Without them (local mode) the adapter accepts unauthenticated requests, which is only
 * safe on a developer's machine; the composition root logs a warning.
 */
export function createAdapter(credentials: BotCredentials | undefined): TeamsAdapter {
  const factory = new ConfigurationServiceClientCredentialFactory(
    credentials
      ? {
          MicrosoftAppId: credentials.appId,
          MicrosoftAppPassword: credentials.password,
          MicrosoftAppTenantId: credentials.tenantId,
          MicrosoftAppType: 'SingleTenant',
        }
      : {},
  );
  return new TeamsAdapter(
    credentials
      ? {
          MicrosoftAppId: credentials.appId,
          MicrosoftAppPassword: credentials.password,
          MicrosoftAppTenantId: credentials.tenantId,
          MicrosoftAppType: 'SingleTenant',
        }
      : {},
    factory,
  );
}
