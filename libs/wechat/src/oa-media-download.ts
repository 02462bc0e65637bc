import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { checkErrcode, read } from './api-call.js';
import { WechatTransportError } from './errors.js';
import { filenameFromDisposition } from './media-filename.js';

export interface MediaDownloadOptions {
  /** e.g. https://api.weixin.qq.com, or the simulator's address. */
  baseUrl: string;
  /** Until the response headers arrive. Default 10 000. */
  headersTimeoutMs?: number;
  /** The whole download, body included. Default 300 000 (50 MB on a slow link). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A file on its way from the platform: read `body` to the end, or destroy it. */
export interface MediaStream {
  /** As the platform sent it; check the bytes before trusting it. */
  contentType: string | null;
  filename: string | null;
  /** Content-Length, when sent: lets a caller refuse an oversized file before reading it. */
  contentLength: number | null;
  body: Readable;
}

/** `media/get` answers with the file, or (for videos) with JSON that points at it. */
export type OpenedOaMedia = ({ kind: 'file' } & MediaStream) | { kind: 'video-url'; videoUrl: string };

const JSON_TYPES = /^(application\/json|text\/plain)/i;
/** An error or a video_url answer is tiny; anything bigger labelled JSON is not one. */
const MAX_JSON_BYTES = 64 * 1024;

/**
 * Downloads temporary media (spec §5.3) as a stream, so a 50 MB video never sits in memory and an
 * oversized one can be refused early. `OaApiClient.getMedia` does the same call into a Buffer.
 */
export class OaMediaDownloader {
  private readonly baseUrl: string;
  private readonly headersTimeoutMs: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(options: MediaDownloadOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.headersTimeoutMs = options.headersTimeoutMs ?? 10_000;
    this.timeoutMs = options.timeoutMs ?? 300_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** `cgi-bin/media/get`. Errors (40007 expired media, 40001 token…) are WechatApiError, as from the other calls. */
  async open(accessToken: string, mediaId: string): Promise<OpenedOaMedia> {
    const api = 'cgi-bin/media/get';
    const query = new URLSearchParams({ access_token: accessToken, media_id: mediaId });
    const opened = await this.request(api, `${this.baseUrl}/cgi-bin/media/get?${query}`);
    if (opened.contentType && JSON_TYPES.test(opened.contentType)) {
      const body = checkErrcode(api, await readJson(api, opened));
      return { kind: 'video-url', videoUrl: read.string(api, body, 'video_url') };
    }
    return { kind: 'file', ...opened };
  }

  /** A file at a URL the platform gave (a video's `video_url`): no token, no JSON. */
  async openUrl(url: string): Promise<MediaStream> {
    if (!/^https?:\/\//i.test(url)) {
      throw new WechatTransportError('media download', 'invalid-response', 'the video URL is not http(s)');
    }
    return this.request('media download', url);
  }

  private async request(api: string, url: string): Promise<MediaStream> {
    const controller = new AbortController();
    const abort = (reason: string) => controller.abort(new WechatTransportError(api, 'timeout', reason));
    const headersTimer = setTimeout(
      () => abort(`no answer within ${this.headersTimeoutMs} ms`),
      this.headersTimeoutMs,
    );
    const totalTimer = setTimeout(() => abort(`not finished within ${this.timeoutMs} ms`), this.timeoutMs);
    const clear = () => {
      clearTimeout(headersTimer);
      clearTimeout(totalTimer);
    };
    let response: Response;
    try {
      response = await this.fetchImpl(url, { signal: controller.signal, redirect: 'follow' });
    } catch (error) {
      clear();
      if (controller.signal.aborted && controller.signal.reason instanceof WechatTransportError) {
        throw controller.signal.reason;
      }
      throw new WechatTransportError(api, 'network', `request failed: ${(error as Error).message}`, {
        cause: error,
      });
    } finally {
      clearTimeout(headersTimer);
    }
    if (!response.ok || !response.body) {
      clear();
      await response.body?.cancel().catch(() => undefined);
      throw new WechatTransportError(api, 'http-status', `HTTP ${response.status}`, {
        status: response.status,
      });
    }
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    body.once('close', clear);
    const length = Number(response.headers.get('content-length'));
    return {
      contentType: response.headers.get('content-type'),
      filename: filenameFromDisposition(response.headers.get('content-disposition') ?? undefined) ?? null,
      contentLength:
        Number.isSafeInteger(length) && length >= 0 && response.headers.has('content-length') ? length : null,
      body,
    };
  }
}

async function readJson(api: string, opened: MediaStream): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of opened.body) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) {
      opened.body.destroy();
      throw new WechatTransportError(api, 'invalid-response', 'a JSON answer larger than 64 KB');
    }
    chunks.push(chunk as Buffer);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new WechatTransportError(api, 'invalid-json', 'the response is not JSON', { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WechatTransportError(api, 'invalid-response', 'the response is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}
