import { z } from 'zod';

/**
 * Where Microsoft Entra issues tokens in the public cloud: v2.0 and v1.0 issuers. Without the slash, so a
 * look-alike host (login.microsoftonline.com.evil.example) is judged here too, not handed to the SDK, which
 * would fetch keys for it.
 */
const ENTRA_ISSUER_PREFIXES = ['https://login.microsoftonline.com', 'https://sts.windows.net'];

const claimsOf = z.object({ iss: z.string().max(1024), tid: z.unknown() }).passthrough();

function decodeClaims(authorization: string | undefined): unknown {
  const part = (authorization?.replace(/^Bearer\s+/i, '') ?? '').split('.', 3)[1];
  if (!part) return undefined;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The single-tenant rule the Teams SDK 2.1 does not apply to Entra tokens: it checks an Entra token
 * against the tenant the token itself names (`tid`), so a token any tenant issued for the bot's app id
 * would pass, and the activity body, which names the tenant the tenant check reads, is the sender's to
 * write. Here an Entra token must come from the board's tenant: its `tid` is that tenant and its issuer is
 * exactly one of Entra's two issuers for it, and any issuer that starts like Entra's is refused unless it is. Checked on the request before the SDK's validation
 * (signature, audience, lifetime), which still runs; tokens with any other issuer are the SDK's to judge.
 */
export function entraTenantProblem(authorization: string | undefined, tenantId: string): string | undefined {
  const claims = claimsOf.safeParse(decodeClaims(authorization));
  if (!claims.success) return undefined;
  const { iss, tid } = claims.data;
  if (!ENTRA_ISSUER_PREFIXES.some((prefix) => iss.toLowerCase().startsWith(prefix))) return undefined;
  const tenant = tenantId.toLowerCase();
  const issuers = [`https://login.microsoftonline.com/${tenant}/v2.0`, `https://sts.windows.net/${tenant}/`];
  if (typeof tid !== 'string' || tid.toLowerCase() !== tenant || !issuers.includes(iss.toLowerCase()))
    return "The token is not from this bot's Microsoft Entra tenant.";
  return undefined;
}
