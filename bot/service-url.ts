import { isAllowedUploadHost } from './upload-hosts';

/**
 * Where Teams' Bot Connector lives, as Microsoft documents the serviceUrl an activity carries (docs/deploy.md
 * cites the pages): `smba.trafficmanager.net` worldwide (paths /teams/, /amer/, /emea/, /apac/, …) and the
 * government clouds' hosts for GCC, GCC High and DoD. SERVICE_URL_HOSTS replaces the list.
 */
export const BOT_CONNECTOR_HOSTS: readonly string[] = [
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
];

export interface ServiceUrlRules {
  /** With authentication: the host must match one of these (SERVICE_URL_HOSTS, by default the Bot Connector's). */
  hosts: readonly string[];
  /** Tests only (production never sets it): these exact origins (the recording connector) are allowed too. */
  originsForTests?: readonly string[];
}

/**
 * Why the bot may not send to this serviceUrl, or undefined when it may. An Entra token names no
 * serviceUrl, so without this the activity body would choose where the bot sends its replies, its roster
 * lookups and its outbound token. (Local mode has its own rule: this machine only, inbound-activity.ts.)
 */
export function serviceUrlProblem(value: unknown, rules: ServiceUrlRules): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return 'The serviceUrl is not a Bot Connector URL.';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'The serviceUrl is not a Bot Connector URL.';
  }
  if (rules.originsForTests?.includes(url.origin) && url.username === '' && url.password === '')
    return undefined;
  if (
    url.protocol !== 'https:' ||
    url.port !== '' ||
    url.username !== '' ||
    url.password !== '' ||
    !isAllowedUploadHost(url.hostname, rules.hosts)
  )
    return 'The serviceUrl is not a Bot Connector host in SERVICE_URL_HOSTS.';
  return undefined;
}
