import { PasswordServiceClientCredentialFactory } from 'botframework-connector';

type Signable = { headers: { set(name: string, value: string): void } };

/**
 * Plays Microsoft Entra's token endpoint for the bot's outbound calls (offline here): every call to the
 * Bot Connector carries a bearer token, as it would with a real app registration. The recording
 * connector can then see whether a turn reached it at all.
 */
export class OutboundTokenStandIn extends PasswordServiceClientCredentialFactory {
  issued = 0;

  constructor(appId: string, tenantId: string) {
    super(appId, 'not-used', tenantId);
  }

  override async createCredentials(appId: string) {
    if (!(await this.isValidAppId(appId))) throw new Error('Invalid appId.');
    return {
      signRequest: async <T>(request: T): Promise<T> => {
        this.issued += 1;
        (request as unknown as Signable).headers.set('authorization', 'Bearer outbound-stand-in');
        return request;
      },
    };
  }
}
