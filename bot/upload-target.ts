import type { Result } from '../domain/result';
import dns from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import { addressProblem, type AddressRule } from './upload-hosts';

/** A host name's addresses, as the system resolver gives them (tests hand in their own). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export const systemResolve: ResolveHost = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map(({ address }) => address);

/** getaddrinfo has no deadline of its own; the invoke must still be answered within Teams' 15 s. */
export const RESOLVE_TIMEOUT_MS = 5000;

export type UploadTarget = Result<{ lookup: LookupFunction }>;

/**
 * Resolves the upload host once, checks every address it has, and gives the lookup the upload connects
 * with: it answers with those addresses only, so the connection goes to an address that was checked
 * (a name whose DNS changes between the check and the connection, "DNS rebinding", gains nothing).
 * TLS still verifies the certificate against the host name. One bad address refuses the host: a name
 * that points at an internal address as well as a public one is not a OneDrive.
 */
export async function resolveUploadTarget(
  url: URL,
  rule: AddressRule,
  resolve: ResolveHost = systemResolve,
  timeoutMs = RESOLVE_TIMEOUT_MS,
): Promise<UploadTarget> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (net.isIP(hostname)) {
    addresses = [hostname];
  } else {
    try {
      addresses = await withDeadline(resolve(hostname), timeoutMs);
    } catch {
      return { ok: false, problem: 'the upload host does not resolve' };
    }
  }
  if (addresses.length === 0) return { ok: false, problem: 'the upload host has no address' };
  for (const address of addresses) {
    const problem = addressProblem(address, rule);
    if (problem) return { ok: false, problem: `the upload host resolves to ${problem}` };
  }
  return { ok: true, lookup: pinnedLookup(addresses) };
}

/** A lookup that always answers with these addresses, in whichever form net asks for. */
export function pinnedLookup(addresses: readonly string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: net.isIP(address) }));
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
    const usable = wanted ? entries.filter(({ family }) => family === wanted) : entries;
    if (usable.length === 0) {
      const error: NodeJS.ErrnoException = new Error('no checked address of that family');
      error.code = 'ENOTFOUND';
      return callback(error, '', 0);
    }
    if (options.all) return (callback as (error: null, all: typeof usable) => void)(null, usable);
    callback(null, usable[0].address, usable[0].family);
  };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
