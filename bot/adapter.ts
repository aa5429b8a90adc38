import {
  CallerIdConstants,
  ConfigurationServiceClientCredentialFactory,
  StatusCodes,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type AuthenticateRequestResult,
} from 'botframework-connector';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotCredentials } from './config';

export interface AdapterOptions {
  /** Overrides the Bot Framework public cloud's OpenID metadata document (sovereign clouds, tests). */
  openIdMetadataUrl?: string;
}

/**
 * A token the SDK could not verify is a 401, whatever the reason: a signature that does not match the
 * published key, a disallowed algorithm, or signing keys that cannot be fetched (offline). The SDK lets
 * those out as plain errors, which CloudAdapter answers with 500 and the error text.
 */
class VerifyingTeamsAdapter extends TeamsAdapter {
  protected override async processActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined>;
  protected override async processActivity(
    authenticateRequestResult: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined>;
  protected override async processActivity(
    auth: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    if (typeof auth !== 'string') return super.processActivity(auth, activity, logic);
    let result: AuthenticateRequestResult;
    try {
      result = await this.botFrameworkAuthentication.authenticateRequest(activity, auth);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(
        'Unauthorized. The token could not be verified.',
        StatusCodes.UNAUTHORIZED,
      );
    }
    return super.processActivity(result, activity, logic);
  }
}

/** The public cloud's settings, as botframework-connector's defaults, with another metadata document. */
function publicCloudWithMetadata(openIdMetadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * With credentials, Bot Framework authentication is enforced on every inbound request and outbound calls
 * carry a token. Without them (local mode) the adapter accepts unauthenticated requests, which is only
 * safe on a developer's machine; the composition root logs a warning.
 */
export function createAdapter(
  credentials: BotCredentials | undefined,
  options: AdapterOptions = {},
): TeamsAdapter {
  const identity = credentials
    ? {
        MicrosoftAppId: credentials.appId,
        MicrosoftAppPassword: credentials.password,
        MicrosoftAppTenantId: credentials.tenantId,
        MicrosoftAppType: 'SingleTenant',
      }
    : {};
  return new VerifyingTeamsAdapter(
    credentials
      ? {
          ...identity,
          // Setting any one of these makes botframework-connector take all of them as given.
          ...(options.openIdMetadataUrl ? publicCloudWithMetadata(options.openIdMetadataUrl) : {}),
        }
      : {},
    new ConfigurationServiceClientCredentialFactory(identity),
  );
}
