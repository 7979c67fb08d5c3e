// A keep-alive HTTP client for load generation: node:http with a bounded socket pool, timing
// each request from send to the last byte of the answer. Only talks to the Kept it was given.
import http from 'node:http';

export interface Reply {
  /** 0 when the request failed without an answer (connection reset, timeout). */
  status: number;
  body: string;
  ms: number;
}

export interface Client {
  request(method: string, path: string, body?: unknown): Promise<Reply>;
  close(): void;
}

export function createClient(baseUrl: string, token: string, maxSockets: number): Client {
  const url = new URL(baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error(`The benchmark only sends traffic to 127.0.0.1, not ${url.hostname}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return {
    request(method, path, body) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(payload));
      }
      const start = performance.now();
      return new Promise((resolve) => {
        const req = http.request({ host: url.hostname, port: url.port, path, method, headers, agent, timeout: 30_000 }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - start }),
          );
          res.on('error', () => resolve({ status: 0, body: '', ms: performance.now() - start }));
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', (err) => resolve({ status: 0, body: String(err), ms: performance.now() - start }));
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}
