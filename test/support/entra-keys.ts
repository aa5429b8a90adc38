import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { SigningKey } from './openid-issuer';

/** Where the Teams SDK fetches an Entra tenant's signing keys: `${loginEndpoint}/<tenant>/discovery/v2.0/keys`. */
export const ENTRA_HOST = 'login.microsoftonline.com';

/** A certificate for ENTRA_HOST, made for this run only (openssl, as on every Debian machine). */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-entra-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        `/CN=${ENTRA_HOST}`,
        '-addext',
        `subjectAltName=DNS:${ENTRA_HOST}`,
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Plays Microsoft Entra's key discovery on loopback over real HTTPS: every tenant's
 * `/<tenant>/discovery/v2.0/keys` publishes `key` (Entra signs every tenant's tokens with the same keys).
 * The SDK fetches it from https://login.microsoftonline.com (its cloud's login endpoint, which also
 * decides which tokens are Entra tokens), so while installed, this process's default HTTPS agent
 * connects that one host name to the stand-in and trusts its certificate; every other host is untouched.
 * This is a test's stand-in for DNS, nothing in the product changes.
 */
export class EntraKeysStandIn {
  requests: string[] = [];
  private server?: https.Server;
  private originalAgent?: https.Agent;

  constructor(private readonly key: SigningKey) {}

  async start(): Promise<void> {
    const { key, cert } = selfSignedCertificate();
    this.server = https.createServer({ key, cert }, (req, res) => {
      this.requests.push(req.url ?? '');
      if (!/^\/[^/]+\/discovery\/v2\.0\/keys$/.test(req.url ?? '')) return res.writeHead(404).end();
      const jwk = this.key.publicKey.export({ format: 'jwk' });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: this.key.kid, use: 'sig', kty: 'RSA' }] }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const port = (this.server.address() as AddressInfo).port;
    this.originalAgent = https.globalAgent;
    const agent = new https.Agent({ keepAlive: false });
    const connect = agent.createConnection.bind(agent);
    agent.createConnection = (options, callback) => {
      const to = options as tls.ConnectionOptions;
      if (to.host !== ENTRA_HOST && to.servername !== ENTRA_HOST) return connect(options, callback);
      return tls.connect({ ...to, host: '127.0.0.1', port, servername: ENTRA_HOST, ca: cert });
    };
    https.globalAgent = agent;
  }

  async stop(): Promise<void> {
    if (this.originalAgent) https.globalAgent = this.originalAgent;
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
