import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WechatTransportError } from './errors.js';
import { fetchTransport } from './http-transport.js';
import { OaApiClient } from './oa-api-client.js';

interface Seen {
  method: string;
  url: string;
  contentType: string;
  body: string;
}

describe('fetchTransport against a real HTTP server', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          contentType: req.headers['content-type'] ?? '',
          body: Buffer.concat(chunks).toString('latin1'),
        });
        if (req.url?.startsWith('/slow')) return; // never answers
        if (req.url?.startsWith('/cgi-bin/media/upload')) {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ type: 'image', media_id: 'UPLOADED', created_at: 1 }));
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.setHeader('X-Custom', 'Yes');
        res.statusCode = req.url?.startsWith('/status') ? 503 : 200;
        res.end(
          JSON.stringify({ echo: chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts JSON as UTF-8 and returns status, lower-case headers and body', async () => {
    const response = await fetchTransport.request({
      method: 'POST',
      url: `${base}/json`,
      json: { content: '你好 😀' },
      timeoutMs: 2000,
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-custom']).toBe('Yes');
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({ echo: { content: '你好 😀' } });
    expect(seen.at(-1)?.contentType).toBe('application/json; charset=utf-8');
  });

  it('resolves with non-2xx statuses (the client decides)', async () => {
    expect(
      (await fetchTransport.request({ method: 'GET', url: `${base}/status`, timeoutMs: 2000 })).status,
    ).toBe(503);
  });

  it('sends multipart with the field, file name and content type', async () => {
    const client = new OaApiClient({ baseUrl: base });
    const data = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await expect(
      client.uploadMedia('T', 'image', { filename: 'pic.png', contentType: 'image/png', data }),
    ).resolves.toEqual({ mediaId: 'UPLOADED', createdAt: 1 });
    const upload = seen.at(-1)!;
    expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.body).toContain('Content-Disposition: form-data; name="media"; filename="pic.png"');
    expect(upload.body).toContain('Content-Type: image/png');
    expect(upload.body).toContain(data.toString('latin1'));
  });

  it('gives up after the timeout: the client reports a retryable timeout', async () => {
    const client = new OaApiClient({ baseUrl: `${base}/slow`, timeoutMs: 150 });
    const started = Date.now();
    const error = await client.getCallbackIp('T').catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(WechatTransportError);
    expect(error).toMatchObject({ failure: 'timeout', category: 'retryable' });
  });
});
