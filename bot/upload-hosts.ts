import ipaddr from 'ipaddr.js';

/**
 * Where Teams' file consent sends a bot's file: the person's OneDrive for Business, which lives on the
 * SharePoint Online hosts of their cloud, as Microsoft's endpoint lists name them under "SharePoint Online
 * and OneDrive for Business": `*.sharepoint.com` worldwide and in GCC, `*.sharepoint.us` in GCC High,
 * `*.sharepoint-mil.us` and `*.dps.mil` in DoD, `*.sharepoint.cn` under 21Vianet (docs/operations.md
 * cites the lists). UPLOAD_HOSTS replaces the list.
 */
export const SHAREPOINT_UPLOAD_HOSTS: readonly string[] = [
  '*.sharepoint.com',
  '*.sharepoint.us',
  '*.sharepoint-mil.us',
  '*.dps.mil',
  '*.sharepoint.cn',
];

/** One UPLOAD_HOSTS entry: a host name, or `*.` and a domain of at least two labels (any name under it). */
export const UPLOAD_HOST_PATTERN =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|\*(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?){2,})(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** `contoso-my.sharepoint.com` matches `*.sharepoint.com`; `sharepoint.com` itself and look-alikes do not. */
export function isAllowedUploadHost(hostname: string, patterns: readonly string[]): boolean {
  const host = hostname.toLowerCase();
  return patterns.some((pattern) =>
    pattern.startsWith('*.')
      ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1
      : host === pattern,
  );
}

/**
 * Which addresses an upload may connect to. `public`: only global unicast, so no loopback, private,
 * carrier-grade NAT, link-local (the cloud metadata service), unspecified, multicast, reserved or
 * documentation ranges, and no IPv6 form that embeds an IPv4 address (mapped, 6to4, NAT64). `loopback`:
 * local mode's rule, this machine only. `publicOrLoopback`: tests only, where the stand-in OneDrive is
 * on loopback.
 */
export type AddressRule = 'public' | 'loopback' | 'publicOrLoopback';

/** Why an upload may not go to this address, or undefined when it may. */
export function addressProblem(address: string, rule: AddressRule): string | undefined {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(bare)) return 'not an IP address';
  // process() reads an IPv4-mapped IPv6 address as the IPv4 address it is.
  const range = ipaddr.process(bare).range();
  const allowed =
    rule === 'public' ? ['unicast'] : rule === 'loopback' ? ['loopback'] : ['unicast', 'loopback'];
  return allowed.includes(range) ? undefined : `a ${range} address`;
}
