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
 * carries its own token; a bearer token there can be answered 401). The deadline covers the connection,
 * the body and the answer. A redirect is not followed: the body would go somewhere nobody checked.
 */
export async function uploadFile(
  url: URL,
  bytes: Uint8Array,
  timeoutMs = UPLOAD_TIMEOUT_MS,
): Promise<UploadOutcome> {
  const size = bytes.length;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'PUT',
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(size),
        'content-range': `bytes 0-${size - 1}/${size}`,
      },
      body: bytes,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError')
      return { kind: 'timedOut', seconds: Math.round(timeoutMs / 1000) };
    // fetch reports every network failure (refused, reset, DNS, TLS, a redirect) as this TypeError.
    if (error instanceof TypeError) return { kind: 'unreachable' };
    throw error;
  }
  // The answer's body (the drive item, or an error) is not needed; releasing it frees the connection.
  await response.body?.cancel().catch(() => undefined);
  // 200 or 201 once the last byte is in; 202 means the session still expects bytes it did not get.
  if (response.status === 200 || response.status === 201)
    return { kind: 'uploaded', status: response.status };
  if (response.status === 202) return { kind: 'incomplete' };
  return { kind: 'refused', status: response.status };
}
