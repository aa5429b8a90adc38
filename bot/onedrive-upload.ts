import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { UploadProblem } from '../app/board-pack-file-answers';

/**
 * Long enough for a 5 MB pack on a slow link (about 1.4 Mbit/s), short enough that a person is told
 * within a minute. The upload runs after the invoke is answered, so Teams' 15 s does not bound it.
 */
export const UPLOAD_TIMEOUT_MS = 30_000;

export type UploadOutcome = { kind: 'uploaded'; status: number } | UploadProblem;

/**
 * PUTs the whole file to a OneDrive upload session in one request, as "Upload bytes to the upload
 * session" describes: Content-Range names the bytes and the total, and no Authorization header (the URL
 * carries its own token; a bearer token there can be answered 401). The connection goes only to the
 * addresses `lookup` gives (the checked ones: upload-target.ts), on a socket of its own. The deadline
 * covers the connection, the body and the answer. A redirect is not followed (node:http never does): the
 * body would go somewhere nobody checked, so a 3xx is a refusal.
 */
export async function uploadFile(
  url: URL,
  bytes: Uint8Array,
  lookup: LookupFunction,
  timeoutMs = UPLOAD_TIMEOUT_MS,
): Promise<UploadOutcome> {
  const size = bytes.length;
  const signal = AbortSignal.timeout(timeoutMs);
  const send = url.protocol === 'https:' ? https.request : http.request;
  try {
    const status = await new Promise<number>((resolve, reject) => {
      const request = send(url, {
        method: 'PUT',
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(size),
          'content-range': `bytes 0-${size - 1}/${size}`,
        },
        lookup,
        agent: false,
        signal,
      });
      request.on('error', reject);
      request.on('response', (response) => {
        // The answer's body (the drive item, or an error) is not needed; draining it ends the exchange.
        response.resume();
        response.on('error', () => undefined);
        resolve(response.statusCode ?? 0);
      });
      request.end(bytes);
    });
    // 200 or 201 once the last byte is in; 202 means the session still expects bytes it did not get.
    if (status === 200 || status === 201) return { kind: 'uploaded', status };
    if (status === 202) return { kind: 'incomplete' };
    return { kind: 'refused', status };
  } catch {
    if (signal.aborted) return { kind: 'timedOut', seconds: Math.round(timeoutMs / 1000) };
    // Refused, reset, TLS, or no checked address of the family asked for.
    return { kind: 'unreachable' };
  }
}
