import { TENANT_ID } from '../../scripts/support/teams-activities';
import { channelClaims, FakeOpenIdIssuer, signJwt } from './openid-issuer';
import { OutboundTokenStandIn } from './outbound-token';
import { TestBot, type TestBotOptions } from './test-bot';

export const BOT_ID = '6f1c7e4a-2b1d-4c3e-9a8b-0d2e4f6a8c10';

/** A bot with credentials, as in production: inbound tokens checked against a loopback OpenID issuer. */
export interface SignedBot {
  bot: TestBot;
  issuer: FakeOpenIdIssuer;
  outbound: OutboundTokenStandIn;
  /** An Authorization header the Bot Framework channel would send for an activity to this bot. */
  signed(): string;
  stop(): Promise<void>;
}

export async function startSignedBot(options: TestBotOptions = {}): Promise<SignedBot> {
  const issuer = new FakeOpenIdIssuer();
  await issuer.start();
  const outbound = new OutboundTokenStandIn(BOT_ID, TENANT_ID);
  const bot = await TestBot.start({
    ...options,
    env: {
      BOT_ID,
      BOT_PASSWORD: 'not-a-real-secret',
      BOT_TENANT_ID: TENANT_ID,
      BOT_OPENID_METADATA_URL: issuer.metadataUrl,
      ...options.env,
    },
    outboundTokens: outbound,
  });
  return {
    bot,
    issuer,
    outbound,
    signed: () =>
      `Bearer ${signJwt(
        { alg: 'RS256', typ: 'JWT', kid: issuer.trustedKey.kid },
        channelClaims(BOT_ID, bot.serviceUrl),
        issuer.trustedKey.privateKey,
      )}`,
    stop: async () => {
      await bot.stop();
      await issuer.stop();
    },
  };
}
