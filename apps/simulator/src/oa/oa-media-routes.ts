import type { Router } from '../http/router.js';
import { parseMultipart } from '../http/multipart.js';
import {
  attachmentDisposition,
  CONTENT_TYPES,
  sniffFormat,
  type SniffedFormat,
} from '../media/media-content.js';
import { PlatformRefusal } from '../platform-errors.js';
import { platformApi, platformJson, type PlatformApiDeps } from '../platform-api.js';
import { authenticate } from './oa-api-routes.js';
import type { OaAccount } from './oa-model.js';
import type { OaPlatform } from './oa-platform.js';

interface MediaRule {
  formats: readonly SniffedFormat[];
  maxBytes: (account: OaAccount) => number;
  sizeErrcode: number;
}

/** Spec §5.3. Image size is per account ([conflict] 10 MB vs 2 MB on WeChat's own page). */
const RULES: Record<string, MediaRule> = {
  image: { formats: ['jpg', 'png', 'gif', 'bmp'], maxBytes: (a) => a.imageMaxBytes, sizeErrcode: 40009 },
  voice: { formats: ['amr', 'mp3'], maxBytes: () => 2 * 1024 * 1024, sizeErrcode: 40010 },
  video: { formats: ['mp4'], maxBytes: () => 10 * 1024 * 1024, sizeErrcode: 40011 },
  thumb: { formats: ['jpg'], maxBytes: () => 64 * 1024, sizeErrcode: 40012 },
};

/** Temporary media: upload (multipart field `media`) and download. */
export function registerOaMediaRoutes(router: Router, oa: OaPlatform, deps: PlatformApiDeps): void {
  router.post(
    '/cgi-bin/media/upload',
    platformApi(deps, (req) => {
      const account = authenticate(oa, req);
      const type = req.query.type;
      const rule = type === undefined ? undefined : RULES[type];
      if (!rule) throw new PlatformRefusal(40004);
      const part = parseMultipart(req.headers['content-type'], req.body)?.find((p) => p.name === 'media');
      if (!part || part.data.length === 0) throw new PlatformRefusal(41005);
      const format = sniffFormat(part.data);
      if (!rule.formats.includes(format)) throw new PlatformRefusal(40005);
      if (part.data.length > rule.maxBytes(account)) throw new PlatformRefusal(rule.sizeErrcode);
      const stored = oa.media.put(
        account.appId,
        type!,
        part.filename ?? `media.${format}`,
        CONTENT_TYPES[format],
        Buffer.from(part.data),
      );
      const createdAt = Math.floor(stored.createdAt / 1000);
      if (type === 'thumb')
        return platformJson('oa', { type, thumb_media_id: stored.mediaId, created_at: createdAt });
      return platformJson('oa', { type, media_id: stored.mediaId, created_at: createdAt });
    }),
  );

  router.get(
    '/cgi-bin/media/get',
    platformApi(deps, (req) => {
      const account = authenticate(oa, req);
      if (!req.query.media_id) throw new PlatformRefusal(41006);
      const media = oa.media.get(account.appId, req.query.media_id);
      if (!media) throw new PlatformRefusal(40007);
      if (media.type === 'video') {
        return platformJson('oa', { video_url: `${req.baseUrl}/sim/media/${media.mediaId}` });
      }
      return {
        status: 200,
        headers: {
          'content-type': media.contentType,
          'content-disposition': attachmentDisposition(media.filename),
          'cache-control': 'no-cache, must-revalidate',
        },
        body: media.data,
      };
    }),
  );
}
