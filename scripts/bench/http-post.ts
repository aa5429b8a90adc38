import http from 'node:http';

export interface HttpResult {
  status: number;
  body: unknown;
}

// Keep-alive so the load generator measures the bot, not TCP set-up; one socket per conversation.
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

/** POSTs JSON over loopback and reads the whole answer; status 0 means the request itself failed. */
export function postJson(url: string, payload: unknown, timeoutMs = 30_000): Promise<HttpResult> {
  const body = Buffer.from(JSON.stringify(payload));
  return new Promise((resolve) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': body.length },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? (JSON.parse(text) as unknown) : undefined;
          } catch {
            // A non-JSON body is kept as text for the error report.
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
        response.on('error', (error) => resolve({ status: 0, body: error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    request.on('error', (error) => resolve({ status: 0, body: error.message }));
    request.end(body);
  });
}
