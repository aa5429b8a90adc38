/**
 * Plays Microsoft Entra's token endpoint for the bot's outbound calls (offline here), through the Teams
 * SDK's public `token` option: every call to the Bot Connector carries a bearer token, as it would with a
 * real app registration. The recording connector can then see whether a turn reached it at all.
 */
export class OutboundTokenStandIn {
  issued = 0;

  constructor(
    readonly appId: string,
    readonly tenantId: string,
  ) {}

  readonly token = (): string => {
    this.issued += 1;
    return 'outbound-stand-in';
  };
}
