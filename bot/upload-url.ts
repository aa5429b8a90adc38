import { isLoopbackUrl } from './loopback';

/**
 * OneDrive's upload-session URLs carry their token in the query string and run to a few hundred
 * characters (a couple of thousand with a long token); anything far longer is not one.
 */
export const MAX_UPLOAD_URL_LENGTH = 8192;

export type UploadUrlCheck = { ok: true; url: URL } | { ok: false; problem: string };

/**
 * Where a file-consent accept says to PUT the file. It arrives in the invoke, so it is checked like any
 * other input before the bot sends the board pack there: https only with Bot Framework authentication
 * (the invoke then provably came from Teams); in local mode, where nothing proves where an activity came
 * from, only this machine, so a request cannot make the bot send the pack to another server.
 */
export function checkUploadUrl(value: unknown, rules: { localMode: boolean }): UploadUrlCheck {
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
  return url.protocol === 'https:'
    ? { ok: true, url }
    : { ok: false, problem: 'the upload URL is not https' };
}

/** What a log may say about an upload URL: its host. The path names the person and the query holds a token. */
export function uploadHostForLog(url: URL): string {
  return url.host;
}
