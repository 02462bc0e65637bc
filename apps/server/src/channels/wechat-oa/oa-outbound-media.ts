import { Injectable } from '@nestjs/common';
import type { AttachmentKind } from '#contracts';
import { WechatApiError, type OaCustomMessage, type OaMediaType } from '#wechat';
import type { OutboundFile, PlatformUpload } from '../../conversations/channel-adapter.port.js';
import { OaAccessTokens } from './oa-access-tokens.js';
import { OA_UPLOAD_TYPE } from './oa-attachment-rules.js';
import type { OaChannel } from './oa-channel-directory.js';
import { VIDEO_THUMBNAIL_FILENAME, VIDEO_THUMBNAIL_JPEG } from './oa-video-thumbnail.js';

/**
 * WeChat keeps temporary media 3 days. We count from our own clock when the upload started, an hour short,
 * rather than from WeChat's `created_at`: a skewed clock on either side then cannot make us trust a dead id.
 * Should WeChat forget one early anyway, its 40007 makes the adapter upload again (once).
 */
export const OA_MEDIA_LIFETIME_MS = 3 * 86_400_000 - 3_600_000;

/** Long enough for 10 MB at ~350 KB/s; the sender's lease (120 s) covers a token refresh, this and the send. */
export const OA_UPLOAD_TIMEOUT_MS = 30_000;

export const OA_UPLOAD_API = 'cgi-bin/media/upload';

/** The message cannot be sent on an Official Account at all (a kind WeChat has no custom message for). */
export class OaCannotSend extends Error {
  override readonly name = 'OaCannotSend';
}

export interface OaMediaId {
  mediaId: string;
  /** Taken from an earlier upload rather than uploaded now. */
  reused: boolean;
}

/** 40007 from custom/send: WeChat does not know the media id (expired, or uploaded under another AppID). */
export function isUnknownMediaId(error: unknown): boolean {
  return error instanceof WechatApiError && error.errcode === 40007;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'audio/mpeg': 'mp3',
  'audio/amr': 'amr',
  'video/mp4': 'mp4',
};

/**
 * The name WeChat gets: plain ASCII with the extension of what the bytes are. WeChat judges a file partly by its
 * name's extension, and the agent's name may have none, the wrong one, or characters a multipart header mangles;
 * the customer never sees it (their phone shows a picture, a voice message, a video).
 */
export function uploadFilename(type: OaMediaType, file: Pick<OutboundFile, 'id' | 'contentType'>): string {
  const extension = EXTENSIONS[file.contentType];
  const base = `${type}-${file.id.replace(/[^a-z0-9]/gi, '').slice(0, 12)}`;
  return extension ? `${base}.${extension}` : base;
}

export function isUsable(upload: PlatformUpload | null, now = Date.now()): upload is PlatformUpload {
  return upload !== null && upload.expiresAt.getTime() > now;
}

/**
 * Uploads agents' files to `media/upload` for `custom/send`, once per file while WeChat keeps it: the id is
 * remembered with the file (in the database, through the core), so a retry or a second process reuses it.
 */
@Injectable()
export class OaOutboundMedia {
  /** The video cover's id per AppID. In memory: losing it costs one 2.6 KB upload, never a message. */
  private readonly thumbnails = new Map<string, PlatformUpload>();

  constructor(private readonly tokens: OaAccessTokens) {}

  /**
   * The custom/send body for an agent's file, uploading it (and a video's cover) unless WeChat still has it;
   * `fresh` uploads again whatever we kept. `reused`: some id in it came from an earlier upload.
   */
  async customMessage(
    channel: OaChannel,
    recipient: string,
    kind: AttachmentKind,
    file: OutboundFile,
    fresh: boolean,
  ): Promise<{ message: OaCustomMessage; reused: boolean }> {
    const type = OA_UPLOAD_TYPE[kind];
    if (!type) throw new OaCannotSend(`An Official Account cannot send a ${kind}.`);
    const media = await this.mediaIdFor(channel, file, type, fresh);
    switch (type) {
      case 'image':
        return {
          message: { touser: recipient, msgtype: 'image', image: { media_id: media.mediaId } },
          reused: media.reused,
        };
      case 'voice':
        return {
          message: { touser: recipient, msgtype: 'voice', voice: { media_id: media.mediaId } },
          reused: media.reused,
        };
      case 'video': {
        const thumb = await this.videoThumbnailId(channel, fresh);
        return {
          message: {
            touser: recipient,
            msgtype: 'video',
            video: { media_id: media.mediaId, thumb_media_id: thumb.mediaId },
          },
          reused: media.reused || thumb.reused,
        };
      }
    }
  }

  async mediaIdFor(
    channel: OaChannel,
    file: OutboundFile,
    type: Exclude<OaMediaType, 'thumb'>,
    fresh: boolean,
  ): Promise<OaMediaId> {
    if (!fresh && isUsable(file.platformUpload)) {
      return { mediaId: file.platformUpload.platformMediaId, reused: true };
    }
    const upload = await this.upload(channel, type, {
      filename: uploadFilename(type, file),
      contentType: file.contentType,
      data: await file.read(),
    });
    await file.rememberUpload(upload);
    return { mediaId: upload.platformMediaId, reused: false };
  }

  async videoThumbnailId(channel: OaChannel, fresh: boolean): Promise<OaMediaId> {
    const known = this.thumbnails.get(channel.appId) ?? null;
    if (!fresh && isUsable(known)) return { mediaId: known.platformMediaId, reused: true };
    const upload = await this.upload(channel, 'thumb', {
      filename: VIDEO_THUMBNAIL_FILENAME,
      contentType: 'image/jpeg',
      data: VIDEO_THUMBNAIL_JPEG,
    });
    this.thumbnails.set(channel.appId, upload);
    return { mediaId: upload.platformMediaId, reused: false };
  }

  private async upload(
    channel: OaChannel,
    type: OaMediaType,
    file: { filename: string; contentType: string; data: Buffer },
  ): Promise<PlatformUpload> {
    const startedAt = Date.now();
    const uploaded = await this.tokens.withToken(channel, (token) =>
      this.tokens.client.uploadMedia(token, type, file, { timeoutMs: OA_UPLOAD_TIMEOUT_MS }),
    );
    return { platformMediaId: uploaded.mediaId, expiresAt: new Date(startedAt + OA_MEDIA_LIFETIME_MS) };
  }
}
