import { z } from 'zod';

/** Keys rotate rarely; the Bot Framework asks bots to refresh them at least daily. */
const KEYS_TTL_MS = 24 * 60 * 60 * 1000;
/** An unknown key id may be a new key: fetched again, but not more often than this (no amplification). */
const REFETCH_GAP_MS = 5 * 60 * 1000;
const FETCH_TIMEOUT_MS = 4000;
/** After a failed fetch, requests are refused without fetching again for this long (no amplification). */
const RETRY_AFTER_FAILURE_MS = 30 * 1000;
const MAX_DOCUMENT_BYTES = 256 * 1024;

const metadata = z.object({ jwks_uri: z.string().url() });
const keySet = z.object({
  keys: z.array(z.object({ kid: z.string().optional(), endorsements: z.array(z.string()).optional() })),
});

const tokenHeader = z.object({ kid: z.string().max(256).optional() });
const tokenClaims = z.object({ iss: z.string().max(1024), exp: z.unknown() });

function decodePart(part: string | undefined): unknown {
  if (!part) return undefined;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_DOCUMENT_BYTES) throw new Error(`${url} is too large`);
  return JSON.parse(text) as unknown;
}

/** Entra's token hosts: their keys are Entra's, judged by entra-tenant.ts and the SDK. */
const ENTRA_ISSUER = /^https:\/\/(login\.microsoftonline\.com|sts\.windows\.net)\//i;

/**
 * The Bot Framework's rule the Teams SDK 2.1 does not apply: the key that signed a channel token must be
 * endorsed for the activity's channel ("msteams"), so a key published for another channel cannot speak as
 * Teams. Checked on the request, before the SDK's own validation (signature, issuer, audience, lifetime);
 * only for tokens that claim the Bot Framework issuer: Entra tokens carry no endorsements.
 *
 * And, for every token that is not Entra's, the key must be one the cached key set holds: the SDK's key
 * client fetches the keys again for every unknown key id (no rate limit, a 30 s timeout), so unsigned
 * requests with made-up key ids would each hold a turn for that long. Here the set is fetched at most once
 * per REFETCH_GAP_MS, with a short timeout, and an unknown key is refused without the SDK fetching anything.
 * A token without a key id or an expiry is refused too.
 */
export class KeyEndorsements {
  private endorsed = new Map<string, string[]>();
  private fetchedAt = 0;
  private failedAt?: number;
  private loading?: Promise<void>;

  constructor(
    private readonly openIdMetadataUrl: string,
    private readonly botFrameworkIssuer: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Why this request's token may not speak for its channel, or undefined when it may (or is not ours to judge). */
  async problem(authorization: string | undefined, channelId: unknown): Promise<string | undefined> {
    const [header, claims] = (authorization?.replace(/^Bearer\s+/i, '') ?? '').split('.', 3);
    const claimed = tokenClaims.safeParse(decodePart(claims));
    const key = tokenHeader.safeParse(decodePart(header));
    // Malformed tokens are the SDK's to refuse: it cannot read them, so it fetches nothing.
    if (!claimed.success || !key.success) return undefined;
    if (!key.data.kid) return 'The token names no signing key.';
    if (typeof claimed.data.exp !== 'number') return 'The token has no expiry.';
    if (ENTRA_ISSUER.test(claimed.data.iss)) return undefined;
    let endorsements: string[] | undefined;
    try {
      endorsements = await this.endorsementsOf(key.data.kid);
    } catch {
      return 'The signing keys could not be read, so the token cannot be checked.';
    }
    if (!endorsements) return 'The token is signed with a key the Bot Framework does not publish.';
    if (claimed.data.iss !== this.botFrameworkIssuer) return undefined; // the SDK refuses other issuers
    if (typeof channelId !== 'string' || !endorsements.includes(channelId))
      return "The token's signing key is not endorsed for this channel.";
    return undefined;
  }

  private async endorsementsOf(kid: string): Promise<string[] | undefined> {
    const stale = this.now() - this.fetchedAt > KEYS_TTL_MS;
    const unknownAndMayRefetch = !this.endorsed.has(kid) && this.now() - this.fetchedAt > REFETCH_GAP_MS;
    const failedRecently = this.failedAt !== undefined && this.now() - this.failedAt < RETRY_AFTER_FAILURE_MS;
    if ((stale || unknownAndMayRefetch) && failedRecently) {
      if (stale) throw new Error('the signing keys could not be read just now');
    } else if (stale || unknownAndMayRefetch) await this.load();
    return this.endorsed.get(kid);
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const { jwks_uri } = metadata.parse(await fetchJson(this.openIdMetadataUrl));
        const { keys } = keySet.parse(await fetchJson(jwks_uri));
        this.endorsed = new Map(keys.flatMap((key) => (key.kid ? [[key.kid, key.endorsements ?? []]] : [])));
        this.fetchedAt = this.now();
        this.failedAt = undefined;
      } catch (error) {
        this.failedAt = this.now();
        throw error;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}
