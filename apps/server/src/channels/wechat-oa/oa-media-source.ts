import { Inject, Injectable } from '@nestjs/common';
import { OaMediaDownloader, WechatApiError, WechatTransportError, type WechatErrorCategory } from '#wechat';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import type { MediaFetchOutcome, MediaFetchRequest } from '../../conversations/channel-adapter.port.js';
import { OaAccessTokens } from './oa-access-tokens.js';
import { OaChannelDirectory } from './oa-channel-directory.js';

/**
 * Worth another attempt later: the platform was busy, or an admin may fix the configuration (IP whitelist,
 * secret) while WeChat still keeps the file (3 days). The fetcher's backoff keeps that from being a loop.
 */
const RETRYABLE: ReadonlySet<WechatErrorCategory> = new Set(['retryable', 'token-invalid', 'configuration']);

/** Inbound media of an Official Account: `media/get`, and for videos the `video_url` it answers with (OA5). */
@Injectable()
export class OaMediaSource {
  private readonly downloader: OaMediaDownloader;

  constructor(
    private readonly directory: OaChannelDirectory,
    private readonly tokens: OaAccessTokens,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.downloader = new OaMediaDownloader({ baseUrl: config.wechatApiBase });
  }

  async fetch(request: MediaFetchRequest): Promise<MediaFetchOutcome> {
    const channel = await this.directory.find(request.channelId);
    if (!channel) return { ok: false, reason: 'The channel no longer exists', retryable: false };
    try {
      const opened = await this.tokens.withToken(channel, (token) =>
        this.downloader.open(token, request.platformMediaId),
      );
      const file = opened.kind === 'video-url' ? await this.downloader.openUrl(opened.videoUrl) : opened;
      return {
        ok: true,
        contentType: file.contentType,
        filename: file.filename,
        declaredBytes: file.contentLength,
        body: file.body,
      };
    } catch (error) {
      if (error instanceof WechatApiError) {
        return {
          ok: false,
          reason: `${error.description} (WeChat error ${error.errcode})`,
          retryable: RETRYABLE.has(error.category),
        };
      }
      if (error instanceof WechatTransportError) {
        return { ok: false, reason: `WeChat did not deliver the file: ${error.message}`, retryable: true };
      }
      throw error;
    }
  }
}
