import type { Router } from '../http/router.js';
import { parseMultipart } from '../http/multipart.js';
import {
  attachmentDisposition,
  CONTENT_TYPES,
  sniffFormat,
  type SniffedFormat,
} from '../media/media-content.js';
import { PlatformRefusal } from '../platform-errors.js';
import { platformApi, platformOk, type PlatformApiDeps } from '../platform-api.js';
import { QY, authenticateCorp } from './wecom-api-helpers.js';
import type { WecomCorp } from './wecom-model.js';
import type { WecomPlatform } from './wecom-platform.js';

const MB = 1024 * 1024;

interface MediaRule {
  formats?: readonly SniffedFormat[];
  maxBytes: (corp: WecomCorp) => number;
  sizeErrcode: number;
}

/**
 * Spec §6.9: every file > 5 bytes (40006); image JPG/PNG ≤ 10 MB (per corp: [conflict] 2 MB in older
 * docs) → 40009; voice AMR ≤ 2 MB and file ≤ 20 MB → 40006 (no type-specific code documented);
 * video MP4 ≤ 10 MB → 40011.
 */
const RULES: Record<string, MediaRule> = {
  image: { formats: ['jpg', 'png'], maxBytes: (corp) => corp.imageMaxBytes, sizeErrcode: 40009 },
  voice: { formats: ['amr'], maxBytes: () => 2 * MB, sizeErrcode: 40006 },
  video: { formats: ['mp4'], maxBytes: () => 10 * MB, sizeErrcode: 40011 },
  file: { maxBytes: () => 20 * MB, sizeErrcode: 40006 },
};

export function registerWecomMediaRoutes(router: Router, wecom: WecomPlatform, deps: PlatformApiDeps): void {
  router.post(
    `${QY}/media/upload`,
    platformApi(deps, (req) => {
      const corp = authenticateCorp(wecom, req);
      const type = req.query.type ?? '';
      const rule = RULES[type];
      if (!rule) throw new PlatformRefusal(40005);
      const part = parseMultipart(req.headers['content-type'], req.body)?.find((p) => p.name === 'media');
      if (!part) throw new PlatformRefusal(40006, 'media data missing');
      const filename = part.filename ?? '';
      if (filename === '' || filename.startsWith('/') || /[\\:]/.test(filename))
        throw new PlatformRefusal(40058, 'invalid filename');
      if (part.data.length <= 5) throw new PlatformRefusal(40006);
      if (rule.formats && !rule.formats.includes(sniffFormat(part.data))) throw new PlatformRefusal(40004);
      if (part.data.length > rule.maxBytes(corp)) throw new PlatformRefusal(rule.sizeErrcode);
      const stored = wecom.media.put(
        corp.corpId,
        type,
        filename,
        // Checked content types come from the bytes; a file keeps the type it was uploaded with.
        rule.formats
          ? CONTENT_TYPES[sniffFormat(part.data)]
          : (part.contentType ?? 'application/octet-stream'),
        Buffer.from(part.data),
      );
      return platformOk('wecom', {
        type,
        media_id: stored.mediaId,
        created_at: String(Math.floor(stored.createdAt / 1000)),
      });
    }),
  );

  router.get(
    `${QY}/media/get`,
    platformApi(deps, (req) => {
      const corp = authenticateCorp(wecom, req);
      const media = wecom.media.get(corp.corpId, req.query.media_id);
      if (!media) throw new PlatformRefusal(40007);
      return {
        status: 200,
        headers: {
          'content-type': media.contentType,
          'content-disposition': attachmentDisposition(media.filename),
        },
        body: media.data,
      };
    }),
  );
}
