import { Cron } from 'croner';
import { z } from 'zod';
import { guestHomeAddress, loginKey } from '../domain/person';
import { UPLOAD_HOST_PATTERN } from './upload-hosts';

/**
 * The shapes of the settings config.ts reads, one schema each, with the message a wrong value gets.
 *
 * Addresses are sign-in names (UPNs) in login form: lower-cased in ASCII only, so a look-alike letter
 * stays itself and fails the check; a guest's UPN becomes the address they were invited with.
 */
export const emailList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map(loginKey)
      .filter((item) => item.length > 0)
      .map((item) => guestHomeAddress(item) ?? item),
  )
  .pipe(z.array(z.string().email('must be a comma-separated list of email addresses')));

export const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

type Whole = { min: number; max: number; message?: string };

/**
 * A whole-number setting: plain decimal digits or nothing. Number() would also take "0x1E", "1e2" and
 * "1_0"; every bad value gets the one message naming the range. A blank value (`PORT=` in a .env
 * template) is unset, so it takes the fallback, not 0.
 */
export function wholeNumber(range: Whole & { fallback: number }): z.ZodType<number, z.ZodTypeDef, unknown>;
export function wholeNumber(range: Whole): z.ZodType<number | undefined, z.ZodTypeDef, unknown>;
export function wholeNumber(range: Whole & { fallback?: number }): z.ZodTypeAny {
  const message = range.message ?? `must be a whole number from ${range.min} to ${range.max}`;
  return z.unknown().transform((value, ctx) => {
    const text = typeof value === 'string' ? value.trim() : value;
    if (text === undefined || text === '') return range.fallback;
    const number = typeof text === 'string' && /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
    if (number >= range.min && number <= range.max) return number;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}

export const port = (fallback: number) =>
  wholeNumber({ min: 0, max: 65535, fallback, message: 'must be a port number from 0 to 65535' });

/** "tvp.police.uk=Thames Valley Police; oxfordshire.gov.uk=Oxfordshire County Council". */
export const agencyDomains = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const map = new Map<string, string>();
    for (const item of value.split(';')) {
      if (item.trim() === '') continue;
      const match = /^\s*([a-z0-9-]+(?:\.[a-z0-9-]+)+)\s*=\s*(\S(?:.{0,78}\S)?)\s*$/i.exec(item);
      if (!match) {
        ctx.addIssue({
          code: 'custom',
          message: `must be "domain=Agency name; …", e.g. "tvp.police.uk=Thames Valley Police" (could not read "${item.trim()}")`,
        });
        return z.NEVER;
      }
      map.set(match[1].toLowerCase(), match[2]);
    }
    return map;
  });

/** "Oxfordshire County Council=chief.exec@oxfordshire.gov.uk; Thames Valley Police=…": agency, then sign-in name. */
export const leadPartners = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const partners: { agency: string; upn: string }[] = [];
    for (const item of value.split(';')) {
      if (item.trim() === '') continue;
      const equals = item.lastIndexOf('=');
      const agency = equals < 0 ? '' : item.slice(0, equals).trim();
      const login = equals < 0 ? '' : loginKey(item.slice(equals + 1));
      const upn = guestHomeAddress(login) ?? login;
      if (agency === '' || agency.length > 120 || !z.string().email().safeParse(upn).success) {
        ctx.addIssue({
          code: 'custom',
          message: `must be "Agency=sign-in address; …", e.g. "Thames Valley Police=chief.constable@tvp.police.uk" (could not read "${item.trim()}")`,
        });
        return z.NEVER;
      }
      if (partners.some((partner) => partner.upn === upn)) {
        ctx.addIssue({ code: 'custom', message: `lists ${upn} twice` });
        return z.NEVER;
      }
      partners.push({ agency, upn });
    }
    return partners;
  });

/** One sign-in address, in login form, or unset. */
export const oneAddress = (message: string) =>
  optionalText
    .transform((value) =>
      value === undefined ? undefined : (guestHomeAddress(loginKey(value)) ?? loginKey(value)),
    )
    .pipe(z.string().email(message).optional());

/** A protective marking is one short line of printable text. */
export const protectiveMarking = optionalText.pipe(
  z
    .string()
    .max(60, 'must be at most 60 characters')
    .regex(/^[\p{L}\p{N} .,:;()/&'+-]+$/u, 'must be letters, digits, spaces and ordinary punctuation')
    .default('OFFICIAL-SENSITIVE'),
);

export function isCronPattern(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const hostName = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i,
    'must be a host name without scheme, port or path, e.g. oscb-bot.azurewebsites.net',
  );

type StorageVariables = {
  BOT_ID?: string;
  AZURE_STORAGE_CONNECTION_STRING?: string;
  AZURE_STORAGE_ACCOUNT_URL?: string;
  LOCAL_STORAGE?: 'embedded';
};

/** Production must never fall back to a disk inside its container without being told to. */
export function storageProblems(env: StorageVariables): [string, string][] {
  const azure = [
    env.AZURE_STORAGE_CONNECTION_STRING && 'AZURE_STORAGE_CONNECTION_STRING',
    env.AZURE_STORAGE_ACCOUNT_URL && 'AZURE_STORAGE_ACCOUNT_URL',
  ].filter((name): name is string => Boolean(name));
  if (azure.length > 1)
    return [['AZURE_STORAGE_ACCOUNT_URL', 'and AZURE_STORAGE_CONNECTION_STRING are both set: keep one']];
  if (env.LOCAL_STORAGE && azure.length > 0)
    return [['LOCAL_STORAGE', `is "embedded" while ${azure[0]} is set too: keep one`]];
  if (env.BOT_ID && azure.length === 0 && !env.LOCAL_STORAGE)
    return [
      [
        'AZURE_STORAGE_ACCOUNT_URL',
        'or AZURE_STORAGE_CONNECTION_STRING is required when BOT_ID is set (production): ' +
          'the plan must live in Azure Table Storage. Set LOCAL_STORAGE=embedded to keep it on local disk instead',
      ],
    ];
  return [];
}

/** A comma-separated list of host names or `*.domain` patterns (UPLOAD_HOSTS, SERVICE_URL_HOSTS). */
export const hostPatterns = (example: string) =>
  optionalText.pipe(
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z
              .string()
              .regex(
                UPLOAD_HOST_PATTERN,
                `must be host names or *.domain patterns, comma-separated, e.g. ${example}`,
              ),
          )
          .min(1, 'must name at least one host'),
      )
      .optional(),
  );
