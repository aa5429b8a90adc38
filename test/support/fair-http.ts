import http from 'node:http';

/**
 * POSTs JSON on a fresh connection and reads the answer. Under heavy concurrency global fetch (undici)
 * reuses kept-alive connections for whoever asks next, so some requests wait seconds before they are even
 * sent; a load test measuring the bot must not measure that queue.
 */
export async function postJsonFresh(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': data.length },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            body: text ? (JSON.parse(text) as unknown) : undefined,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(data);
  });
}
