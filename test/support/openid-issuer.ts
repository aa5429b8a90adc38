import crypto, { type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer the Bot Framework channel puts in the tokens it sends to bots. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function newSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWT, made by hand: header and claims as given, signed RS256 (or HS256 with a shared secret). */
export function signJwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  key: KeyObject | Buffer,
): string {
  const input = `${base64url(header)}.${base64url(claims)}`;
  const signature =
    header.alg === 'HS256'
      ? crypto
          .createHmac('sha256', key as Buffer)
          .update(input)
          .digest()
      : crypto.sign('RSA-SHA256', Buffer.from(input), key as KeyObject);
  return `${input}.${signature.toString('base64url')}`;
}

/** A JWT with `alg: none`: a header, claims and an empty signature. */
export function unsignedJwt(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  return `${base64url({ ...header, alg: 'none' })}.${base64url(claims)}.`;
}

/** Claims of a token the Bot Framework channel would send to `botId` for an activity from `serviceUrl`. */
export function channelClaims(botId: string, serviceUrl: string, now = Date.now()): Record<string, unknown> {
  const seconds = Math.floor(now / 1000);
  return {
    iss: BOT_FRAMEWORK_ISSUER,
    aud: botId,
    serviceurl: serviceUrl,
    nbf: seconds - 60,
    iat: seconds - 60,
    exp: seconds + 3600,
  };
}

/**
 * Plays login.botframework.com on loopback: an OpenID metadata document and a JWKS with one trusted key,
 * endorsed for Teams, as the real one publishes them.
 */
export class FakeOpenIdIssuer {
  readonly trustedKey = newSigningKey('trusted-key');
  requests = 0;
  /** Of which, fetches of the key set. */
  keyRequests = 0;
  private server?: http.Server;
  private baseUrl = '';

  get metadataUrl(): string {
    return `${this.baseUrl}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.requests += 1;
      const send = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/v1/.well-known/openidconfiguration') {
        return send({
          issuer: BOT_FRAMEWORK_ISSUER,
          jwks_uri: `${this.baseUrl}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      }
      if (req.url === '/v1/.well-known/keys') {
        this.keyRequests += 1;
        const jwk = this.trustedKey.publicKey.export({ format: 'jwk' });
        return send({ keys: [{ ...jwk, kid: this.trustedKey.kid, use: 'sig', endorsements: ['msteams'] }] });
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
