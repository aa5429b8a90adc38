const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Plays Microsoft Entra's token endpoint for the bot's outbound calls (offline here), through the Teams
 * SDK's public `token` option: every call to the Bot Connector carries a bearer token, as it would with a
 * real app registration. The recording connector can then see whether a turn reached it at all. The SDK
 * reads a token's expiry, so this is a JWT (unsigned: only the connector stand-in ever sees it).
 */
export class OutboundTokenStandIn {
  issued = 0;
  readonly value: string;

  constructor(
    readonly appId: string,
    readonly tenantId: string,
  ) {
    const now = Math.floor(Date.now() / 1000);
    this.value = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
      aud: 'https://api.botframework.com',
      appid: appId,
      tid: tenantId,
      iat: now,
      exp: now + 24 * 3600,
    })}.outbound-stand-in`;
  }

  readonly token = (): string => {
    this.issued += 1;
    return this.value;
  };

  get authorization(): string {
    return `Bearer ${this.value}`;
  }
}
