import { TURN_ANSWER_MS } from './turn-answer';
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';
import {
  agencyDomains,
  emailList,
  hostName,
  hostPatterns,
  isCronPattern,
  isTimeZone,
  leadPartners,
  oneAddress,
  optionalText,
  port,
  protectiveMarking,
  wholeNumber,
  storageProblems,
} from './config-fields';
import { SHAREPOINT_UPLOAD_HOSTS } from './upload-hosts';
import { BOT_CONNECTOR_HOSTS } from './service-url';

/** Every setting the bot reads. This module is the only reader of process.env. */
const environmentSchema = z
  .object({
    PORT: port(3978),
    HOST: optionalText,
    BOT_ID: optionalText.pipe(z.string().uuid("must be the bot's Microsoft app id (a GUID)").optional()),
    BOT_PASSWORD: optionalText,
    BOT_MANAGED_IDENTITY_CLIENT_ID: optionalText.pipe(
      z
        .string()
        .refine(
          (value) => value === 'system' || z.string().uuid().safeParse(value).success,
          'must be "system" or the client id (a GUID) of a user-assigned managed identity',
        )
        .optional(),
    ),
    BOT_TENANT_ID: optionalText.pipe(
      z.string().uuid('must be your Microsoft Entra tenant id (a GUID)').optional(),
    ),
    TEAMS_APP_ID: optionalText.pipe(z.string().uuid('must be a GUID').optional()),
    BOT_DOMAIN: optionalText,
    BOT_OPENID_METADATA_URL: optionalText.pipe(
      z.string().url('must be the URL of an OpenID metadata document').optional(),
    ),
    AZURE_STORAGE_CONNECTION_STRING: optionalText.pipe(
      z
        .string()
        // The SDK's own parser throws a bare TypeError on a pasted fragment; name the variable instead.
        .regex(
          /(^|;)\s*(AccountName=[^;]+|UseDevelopmentStorage=true)\s*(;|$)/i,
          'must be a storage connection string (…;AccountName=…;AccountKey=…;…), as the portal shows it',
        )
        .optional(),
    ),
    AZURE_STORAGE_ACCOUNT_URL: optionalText.pipe(
      z
        .string()
        .url('must be the table endpoint, e.g. https://<account>.table.core.windows.net')
        .pipe(z.string().startsWith('https://', 'must be an https:// URL'))
        .optional(),
    ),
    LOCAL_STORAGE: optionalText.pipe(
      z.enum(['embedded'], { message: 'must be "embedded" or unset' }).optional(),
    ),
    LOCAL_STORAGE_DIR: z.string().trim().min(1).default('.data'),
    LOCAL_STORAGE_PORT: port(10002),
    TABLE_PREFIX: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/, 'must be letters and digits, starting with a letter (at most 21)')
      .default('oscb'),
    PLAN_FILE: z.string().trim().min(1).default(path.join('plan', 'oscb-2017-19.json')),
    BOARD_ADMINS: emailList,
    AGENCY_DOMAINS: agencyDomains,
    LEAD_PARTNERS: leadPartners,
    SCRUTINEER: oneAddress("must be the independent scrutineer's sign-in address"),
    REPORT_YEAR_START_MONTH: wholeNumber({
      min: 1,
      max: 12,
      fallback: 4,
      message: 'must be a month number, 1 to 12',
    }),
    PROTECTIVE_MARKING: protectiveMarking,
    STALE_DAYS: wholeNumber({ min: 1, max: 365, fallback: 14 }),
    /** Unset means twice STALE_DAYS. */
    ESCALATE_AFTER_DAYS: wholeNumber({ min: 1, max: 730 }),
    ESCALATE_TO: oneAddress("must be one email address: the business manager's sign-in name"),
    DIGEST_CRON: z
      .string()
      .trim()
      .default('0 9 * * 1')
      .refine(isCronPattern, 'must be a cron pattern such as "0 9 * * 1" (Monday 09:00)'),
    DIGEST_TZ: z
      .string()
      .trim()
      .default('Europe/London')
      .refine(isTimeZone, 'must be an IANA time zone such as Europe/London'),
    DIGEST_SCHEDULE: z.enum(['on', 'off']).default('on'),
    DIGEST_LEASE_SECONDS: wholeNumber({ min: 1, max: 3600, fallback: 120 }),
    TEAMS_SEND_TIMEOUT_SECONDS: wholeNumber({ min: 1, max: 120, fallback: 15 }),
    // Under Teams' 15 s: a turn must be answered before Teams gives up on it.
    TURN_ANSWER_SECONDS: wholeNumber({ min: 1, max: 14, fallback: TURN_ANSWER_MS / 1000 }),
    UPLOAD_HOSTS: hostPatterns('*.sharepoint.com'),
    SERVICE_URL_HOSTS: hostPatterns('smba.trafficmanager.net'),
    // Under a container platform's usual 30 s grace: the drain (10 s) plus the store's save.
    STOP_DEADLINE_SECONDS: wholeNumber({ min: 1, max: 300, fallback: 20 }),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_ID) {
      if (!env.BOT_PASSWORD && !env.BOT_MANAGED_IDENTITY_CLIENT_ID)
        ctx.addIssue({
          code: 'custom',
          path: ['BOT_PASSWORD'],
          message: 'is required when BOT_ID is set (or BOT_MANAGED_IDENTITY_CLIENT_ID, see docs/deploy.md)',
        });
      if (env.BOT_PASSWORD && env.BOT_MANAGED_IDENTITY_CLIENT_ID)
        ctx.addIssue({
          code: 'custom',
          path: ['BOT_MANAGED_IDENTITY_CLIENT_ID'],
          message:
            'cannot be set together with BOT_PASSWORD: choose the client secret or the managed identity',
        });
      if (!env.BOT_TENANT_ID)
        ctx.addIssue({ code: 'custom', path: ['BOT_TENANT_ID'], message: 'is required when BOT_ID is set' });
    }
    if (env.ESCALATE_AFTER_DAYS !== undefined && env.ESCALATE_AFTER_DAYS < env.STALE_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['ESCALATE_AFTER_DAYS'],
        message: `must be at least STALE_DAYS (${env.STALE_DAYS}): an owner is reminded before the action is escalated`,
      });
    storageProblems(env).forEach(([name, message]) =>
      ctx.addIssue({ code: 'custom', path: [name], message }),
    );
  });

/** The app registration, and how the bot proves it is that app: a client secret or a managed identity. */
export interface BotCredentials {
  appId: string;
  tenantId: string;
  password?: string;
  /** "system", the app's own user-assigned identity (same id), or another one through a federated credential. */
  managedIdentityClientId?: string;
}

/**
 * The Teams SDK's own names for the bot's settings, accepted as aliases (its samples and the Teams
 * Toolkit write them). The project's name wins when both are set.
 */
export const SDK_ALIASES = {
  BOT_ID: 'CLIENT_ID',
  BOT_PASSWORD: 'CLIENT_SECRET',
  BOT_TENANT_ID: 'TENANT_ID',
  BOT_MANAGED_IDENTITY_CLIENT_ID: 'MANAGED_IDENTITY_CLIENT_ID',
} as const;

/** Every setting that makes the bot leave local mode, under either name (the Playground clears them all). */
export const CREDENTIAL_SETTINGS = Object.entries(SDK_ALIASES).flat();

function withAliases(environment: Record<string, string | undefined>): Record<string, string | undefined> {
  const resolved = { ...environment };
  for (const [name, alias] of Object.entries(SDK_ALIASES)) {
    if ((resolved[name] === undefined || resolved[name] === '') && environment[alias] !== undefined)
      resolved[name] = environment[alias];
  }
  return resolved;
}

/**
 * Who `npm run chat -- --as chair@oscb.example` (the README's example) acts as: an admin in local mode when
 * BOARD_ADMINS is unset, so a first try can update and assign. Never with BOT_ID (real Teams, real Entra).
 */
export const LOCAL_CHAIR = 'chair@oscb.example';

/** Local mode (no BOT_ID) answers only this machine unless HOST says otherwise. */
const LOOPBACK_HOSTS = ['127.0.0.1', '::1'];
const ALL_INTERFACES = ['0.0.0.0'];

export interface Config {
  port: number;
  /** The addresses to listen on: HOST, or loopback in local mode, or all interfaces with authentication. */
  hosts: string[];
  /** HOST was set: in local mode that exposes an unauthenticated bot, which start-up warns about loudly. */
  hostFromEnvironment: boolean;
  /** Undefined in local mode: no inbound authentication. */
  credentials?: BotCredentials;
  /** Where inbound tokens' signing keys are published; undefined means the Bot Framework public cloud's. */
  openIdMetadataUrl?: string;
  teamsAppId?: string;
  botDomain?: string;
  storage: StorageConfig;
  tablePrefix: string;
  planFile: string;
  boardAdmins: string[];
  /** Local mode without BOARD_ADMINS: the README's chat example (LOCAL_CHAIR) is the admin, and start-up says so. */
  boardAdminsDefaulted: boolean;
  /** Organisations by address domain, for naming people in documents. */
  agencyDomains: ReadonlyMap<string, string>;
  /** Printed on every page of the board's documents. */
  protectiveMarking: string;
  /** The yearly report: who signs it off for each agency, the independent scrutineer, the month a year starts. */
  yearlyReport: {
    leadPartners: { agency: string; upn: string }[];
    scrutineer?: string;
    yearStartMonth: number;
  };
  staleDays: number;
  escalation: {
    /** Silent this many days after a reminder (or without an owner) and the action is escalated. */
    afterDays: number;
    /** Who is told: ESCALATE_TO, or else every board admin. */
    to: string[];
  };
  /** Where a file-consent upload may go: host names, or `*.domain` for any name under a domain. */
  uploadHosts: readonly string[];
  /** Where an activity's serviceUrl may point with authentication: the Bot Connector's hosts. */
  serviceUrlHosts: readonly string[];
  digest: {
    cron: string;
    timeZone: string;
    scheduled: boolean;
    /** A week's claim lasts this long unless renewed by the run posting it. */
    leaseMs: number;
    /** Each proactive send to Teams (digest, reminders, notices) must be answered within this. */
    sendTimeoutMs: number;
  };
  /** A message waits for its own work (roster lookup, reply) at most this long before Teams is answered. */
  turnAnswerMs: number;
  logLevel: string;
  /** After a stop signal the process exits by then, naming what was still pending. */
  stopDeadlineMs: number;
}

/** Azure Table Storage by key or by Entra identity (DefaultAzureCredential), or the embedded Azurite. */
export type StorageConfig =
  { connectionString: string } | { accountUrl: string } | { embedded: { directory: string; port: number } };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    // One problem is one line (what a script prints); several are listed one a line.
    super(
      problems.length === 1
        ? `Configuration is not valid: ${problems[0]}`
        : `Configuration is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** process.env wins over .env, as dotenv does, without writing to process.env. */
export function readEnvironment(dotEnvPath = path.resolve('.env')): Record<string, string | undefined> {
  const fromFile = fs.existsSync(dotEnvPath) ? dotenv.parse(fs.readFileSync(dotEnvPath)) : {};
  return { ...fromFile, ...process.env };
}

export function loadConfig(given: Record<string, string | undefined> = readEnvironment()): Config {
  const environment = withAliases(given);
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    // One line per setting: the first thing wrong with it is enough to fix it.
    const issues = parsed.error.issues.filter(
      (issue, index, all) => all.findIndex((other) => other.path[0] === issue.path[0]) === index,
    );
    throw new ConfigError(
      issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const raw = environment[name];
        const shown =
          raw === undefined || /PASSWORD|SECRET|CONNECTION_STRING/.test(name) ? '' : ` (got "${raw}")`;
        return `${name} ${issue.message}${shown}`;
      }),
    );
  }
  const env = parsed.data;
  const credentials =
    env.BOT_ID && env.BOT_TENANT_ID && (env.BOT_PASSWORD || env.BOT_MANAGED_IDENTITY_CLIENT_ID)
      ? {
          appId: env.BOT_ID,
          tenantId: env.BOT_TENANT_ID,
          ...(env.BOT_PASSWORD ? { password: env.BOT_PASSWORD } : {}),
          ...(env.BOT_MANAGED_IDENTITY_CLIENT_ID
            ? { managedIdentityClientId: env.BOT_MANAGED_IDENTITY_CLIENT_ID }
            : {}),
        }
      : undefined;
  const boardAdminsDefaulted = !env.BOT_ID && env.BOARD_ADMINS.length === 0;
  return {
    port: env.PORT,
    hosts: env.HOST ? [env.HOST] : credentials ? ALL_INTERFACES : LOOPBACK_HOSTS,
    hostFromEnvironment: env.HOST !== undefined,
    credentials,
    openIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
    teamsAppId: env.TEAMS_APP_ID ?? env.BOT_ID,
    botDomain: env.BOT_DOMAIN,
    storage: env.AZURE_STORAGE_CONNECTION_STRING
      ? { connectionString: env.AZURE_STORAGE_CONNECTION_STRING }
      : env.AZURE_STORAGE_ACCOUNT_URL
        ? { accountUrl: env.AZURE_STORAGE_ACCOUNT_URL }
        : { embedded: { directory: env.LOCAL_STORAGE_DIR, port: env.LOCAL_STORAGE_PORT } },
    tablePrefix: env.TABLE_PREFIX,
    planFile: env.PLAN_FILE,
    boardAdmins: boardAdminsDefaulted ? [LOCAL_CHAIR] : env.BOARD_ADMINS,
    boardAdminsDefaulted,
    agencyDomains: env.AGENCY_DOMAINS,
    protectiveMarking: env.PROTECTIVE_MARKING,
    yearlyReport: {
      leadPartners: env.LEAD_PARTNERS,
      scrutineer: env.SCRUTINEER,
      yearStartMonth: env.REPORT_YEAR_START_MONTH,
    },
    staleDays: env.STALE_DAYS,
    escalation: {
      afterDays: env.ESCALATE_AFTER_DAYS ?? 2 * env.STALE_DAYS,
      to: env.ESCALATE_TO ? [env.ESCALATE_TO] : boardAdminsDefaulted ? [LOCAL_CHAIR] : env.BOARD_ADMINS,
    },
    uploadHosts: env.UPLOAD_HOSTS ?? SHAREPOINT_UPLOAD_HOSTS,
    serviceUrlHosts: env.SERVICE_URL_HOSTS ?? BOT_CONNECTOR_HOSTS,
    digest: {
      cron: env.DIGEST_CRON,
      timeZone: env.DIGEST_TZ,
      scheduled: env.DIGEST_SCHEDULE === 'on',
      leaseMs: env.DIGEST_LEASE_SECONDS * 1000,
      sendTimeoutMs: env.TEAMS_SEND_TIMEOUT_SECONDS * 1000,
    },
    turnAnswerMs: env.TURN_ANSWER_SECONDS * 1000,
    logLevel: env.LOG_LEVEL,
    stopDeadlineMs: env.STOP_DEADLINE_SECONDS * 1000,
  };
}

/** What `npm run package` needs to fill the Teams app manifest. */
export interface PackagingConfig {
  botId: string;
  teamsAppId: string;
  botDomain: string;
}

const packagingSchema = z.object({
  BOT_ID: optionalText.pipe(
    z.string({ required_error: 'is required' }).uuid("must be the bot's Microsoft app id (a GUID)"),
  ),
  TEAMS_APP_ID: optionalText.pipe(z.string().uuid('must be a GUID').optional()),
  BOT_DOMAIN: optionalText.pipe(z.string({ required_error: 'is required' }).pipe(hostName)),
});

export function loadPackagingConfig(
  environment: Record<string, string | undefined> = readEnvironment(),
): PackagingConfig {
  const parsed = packagingSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const raw = environment[name];
        return raw === undefined || raw.trim() === ''
          ? `${name} ${issue.message}`
          : `${name} ${issue.message} (got "${raw}")`;
      }),
    );
  }
  const env = parsed.data;
  return {
    botId: env.BOT_ID,
    teamsAppId: env.TEAMS_APP_ID ?? env.BOT_ID,
    botDomain: env.BOT_DOMAIN.toLowerCase(),
  };
}

/** `npm run digest --dry-run` reaches the script as npm's own setting, not as an argument. */
export function npmFlags(environment: Record<string, string | undefined> = process.env): string[] {
  return ['dry_run', 'force', 'json']
    .filter((name) => environment[`npm_config_${name}`] === 'true')
    .map((name) => `--${name.replace('_', '-')}`);
}
