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
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotCredentials } from './config';
import type { Logger } from './logger';
import { tenantProblem } from './tenant-check';

export interface AdapterOptions {
  /** Overrides the Bot Framework public cloud's OpenID metadata document (sovereign clouds, tests). */
  openIdMetadataUrl?: string;
  /**
   * Where outbound calls get their token. Defaults to the app registration's password against Microsoft
   * Entra; tests hand in a stand-in because login.microsoftonline.com is out of reach.
   */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/**
 * A token the SDK could not verify is a 401, whatever the reason: a signature that does not match the
 * published key, a disallowed algorithm, or signing keys that cannot be fetched (offline). The SDK lets
 * those out as plain errors, which CloudAdapter answers with 500 and the error text.
 *
 * A verified token only says the activity came through the Bot Framework channel; a single-tenant bot
 * must also refuse activities from other tenants (a multi-tenant Teams channel signs those too). The
 * refusal is a 403 before any middleware or handler runs, so nothing is stored and nothing is sent.
 */
class VerifyingTeamsAdapter extends TeamsAdapter {
  constructor(
    settings: ConstructorParameters<typeof TeamsAdapter>[0],
    credentialsFactory: ServiceClientCredentialsFactory,
    private readonly tenantId: string | undefined,
    private readonly logger: Logger,
  ) {
    super(settings, credentialsFactory);
  }

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
    if (this.tenantId) {
      const problem = tenantProblem(activity, this.tenantId);
      if (problem) {
        this.logger.warn(
          { activityType: activity.type, problem, conversationType: activity.conversation?.conversationType },
          'activity refused: not from the board tenant',
        );
        return { status: 403, body: { code: 'Forbidden', message: problem } };
      }
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
  logger: Logger,
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
    options.credentialsFactory ?? new ConfigurationServiceClientCredentialFactory(identity),
    credentials?.tenantId,
    logger,
  );
}
