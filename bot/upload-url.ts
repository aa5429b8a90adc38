import type { Result } from '../domain/result';
import { isLoopbackUrl } from './loopback';
import { addressProblem, isAllowedUploadHost, type AddressRule } from './upload-hosts';

/**
 * OneDrive's upload-session URLs carry their token in the query string and run to a few hundred
 * characters (a couple of thousand with a long token); anything far longer is not one.
 */
export const MAX_UPLOAD_URL_LENGTH = 8192;

export type UploadUrlCheck = Result<{ url: URL }>;

export interface UploadUrlRules {
  localMode: boolean;
  /** With authentication: the host must match one of these (UPLOAD_HOSTS, by default SharePoint's). */
  hosts: readonly string[];
  /** Tests only (production never sets it): http, any port and a loopback address are allowed too. */
  loopbackForTests?: boolean;
}

/** The addresses an upload under these rules may connect to. */
export function addressRuleOf(rules: UploadUrlRules): AddressRule {
  if (rules.localMode) return 'loopback';
  return rules.loopbackForTests ? 'publicOrLoopback' : 'public';
}

/**
 * Where a file-consent accept says to PUT the file. It arrives in the invoke, so it is checked like any
 * other input before the bot sends the board pack there. With Bot Framework authentication: https on the
 * default port to an allowed host (Teams only ever names the person's OneDrive), and, when the host is
 * written as an address, an address on the internet; the name's addresses are checked when it is resolved
 * (upload-target.ts). In local mode, where nothing proves where an activity came from, only this machine,
 * so a request cannot make the bot send the pack to another server.
 */
export function checkUploadUrl(value: unknown, rules: UploadUrlRules): UploadUrlCheck {
  if (typeof value !== 'string' || value.length === 0) return { ok: false, problem: 'no upload URL' };
  if (value.length > MAX_UPLOAD_URL_LENGTH) return { ok: false, problem: 'the upload URL is too long' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: 'the upload URL is not a URL' };
  }
  if (url.username !== '' || url.password !== '')
    return { ok: false, problem: 'the upload URL holds a user name or password' };
  if (rules.localMode) {
    return isLoopbackUrl(value)
      ? { ok: true, url }
      : { ok: false, problem: 'in local mode the upload URL must be on this machine' };
  }
  const testing = rules.loopbackForTests === true;
  if (url.protocol !== 'https:' && !(testing && url.protocol === 'http:'))
    return { ok: false, problem: 'the upload URL is not https' };
  if (url.port !== '' && !testing) return { ok: false, problem: 'the upload URL names a port' };
  if (!isAllowedUploadHost(url.hostname, rules.hosts))
    return { ok: false, problem: 'the upload host is not in UPLOAD_HOSTS' };
  // The WHATWG parser has already turned 2130706433, 0x7f.1 and 127.1 into 127.0.0.1.
  const literal = /^[\d.]+$|^\[.*\]$/.test(url.hostname)
    ? addressProblem(url.hostname, addressRuleOf(rules))
    : undefined;
  if (literal) return { ok: false, problem: `the upload host is ${literal}` };
  return { ok: true, url };
}

/** What a log may say about an upload URL: its host. The path names the person and the query holds a token. */
export function uploadHostForLog(url: URL): string {
  return url.host;
}
