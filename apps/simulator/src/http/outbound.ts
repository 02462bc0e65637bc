import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type OutboundResult =
  | { kind: 'answered'; status: number; body: string; contentType?: string }
  | { kind: 'timeout' }
  | { kind: 'error'; message: string };

/**
 * One HTTP request from the simulated platform to the server under test. No keep-alive (each push is
 * its own connection, and closing the server never waits on us); the connection is cut at `timeoutMs`.
 */
export function sendOutbound(options: {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}): Promise<OutboundResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: OutboundResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      resolve({ kind: 'error', message: `Invalid URL ${options.url}` });
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = options.body === undefined ? undefined : Buffer.from(options.body, 'utf8');
    const req = send(url, {
      method: options.method,
      agent: false,
      headers: {
        'user-agent': 'Mozilla/4.0',
        ...(options.headers ?? {}),
        ...(body ? { 'content-length': String(body.length) } : {}),
        connection: 'close',
      },
    });
    const timer = setTimeout(() => {
      finish({ kind: 'timeout' });
      req.destroy();
    }, options.timeoutMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        finish({
          kind: 'answered',
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          contentType: res.headers['content-type'],
        }),
      );
      res.on('error', (error) => finish({ kind: 'error', message: error.message }));
    });
    req.on('error', (error) => finish({ kind: 'error', message: error.message }));
    req.end(body);
  });
}
