import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WechatApiError, WechatTransportError } from './errors.js';
import { OaMediaDownloader } from './oa-media-download.js';

const read = async (body: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

describe('OaMediaDownloader against a real HTTP server', () => {
  let server: Server;
  let base: string;
  const image = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200_000, 3)]);
  const queries: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://x');
      queries.push(url.search);
      const mediaId = url.searchParams.get('media_id');
      if (url.pathname === '/files/video.mp4') {
        res.setHeader('content-type', 'video/mp4');
        res.end(Buffer.from('video bytes'));
      } else if (mediaId === 'image') {
        res.setHeader('content-type', 'image/png');
        res.setHeader('content-disposition', 'attachment; filename="photo.png"');
        res.setHeader('content-length', String(image.length));
        res.end(image);
      } else if (mediaId === 'video') {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            video_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/files/video.mp4`,
          }),
        );
      } else if (mediaId === 'expired') {
        res.setHeader('content-type', 'text/plain');
        res.end(JSON.stringify({ errcode: 40007, errmsg: 'invalid media_id' }));
      } else if (mediaId === 'broken') {
        res.statusCode = 502;
        res.end('<html>bad gateway</html>');
      } else if (mediaId === 'stall') {
        res.setHeader('content-type', 'image/png');
        res.write(image.subarray(0, 1000)); // and never finishes
      }
      // 'hang': never answers at all
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('streams a file with its type, name and length', async () => {
    const opened = await new OaMediaDownloader({ baseUrl: base }).open('TOKEN', 'image');
    expect(opened).toMatchObject({
      kind: 'file',
      contentType: 'image/png',
      filename: 'photo.png',
      contentLength: image.length,
    });
    if (opened.kind !== 'file') throw new Error('expected a file');
    expect((await read(opened.body)).equals(image)).toBe(true);
    expect(queries.at(-1)).toBe('?access_token=TOKEN&media_id=image');
  });

  it('follows a video’s video_url', async () => {
    const downloader = new OaMediaDownloader({ baseUrl: base });
    const opened = await downloader.open('TOKEN', 'video');
    expect(opened).toEqual({ kind: 'video-url', videoUrl: `${base}/files/video.mp4` });
    if (opened.kind !== 'video-url') throw new Error('expected a video url');
    const file = await downloader.openUrl(opened.videoUrl);
    expect((await read(file.body)).toString()).toBe('video bytes');
    await expect(downloader.openUrl('file:///etc/passwd')).rejects.toBeInstanceOf(WechatTransportError);
  });

  it('turns WeChat’s JSON errors into WechatApiError, and bad answers into transport errors', async () => {
    const downloader = new OaMediaDownloader({ baseUrl: base });
    const expired = await downloader.open('TOKEN', 'expired').catch((error: unknown) => error);
    expect(expired).toBeInstanceOf(WechatApiError);
    expect(expired).toMatchObject({ errcode: 40007, category: 'bad-media' });
    await expect(downloader.open('TOKEN', 'broken')).rejects.toMatchObject({
      failure: 'http-status',
      status: 502,
    });
  });

  it('gives up on a platform that does not answer, or stops sending half way', async () => {
    const downloader = new OaMediaDownloader({ baseUrl: base, headersTimeoutMs: 200, timeoutMs: 500 });
    await expect(downloader.open('TOKEN', 'hang')).rejects.toMatchObject({ failure: 'timeout' });
    const stalled = await downloader.open('TOKEN', 'stall');
    if (stalled.kind !== 'file') throw new Error('expected a file');
    await expect(read(stalled.body)).rejects.toMatchObject({ failure: 'timeout' });
  });
});
