import type { AttachmentKind, AttachmentRule } from '#contracts';
import type { OaMediaType } from '#wechat';

const MB = 1024 * 1024;

/**
 * What an agent may send on an Official Account (OA5). WeChat itself also takes GIF/BMP images and has said
 * both 2 MB and 10 MB for images [conflict, spec §5.3]; the product allows JPG/PNG up to 10 MB, and a 40009
 * from WeChat is shown to the agent in WeChat's words. `audio/mpeg` is what both .mp3 and .mpeg files are.
 */
export const OA_ATTACHMENT_RULES: AttachmentRule[] = [
  {
    kind: 'image',
    formats: [
      { contentType: 'image/jpeg', label: 'JPG', extensions: ['jpg', 'jpeg'] },
      { contentType: 'image/png', label: 'PNG', extensions: ['png'] },
    ],
    maxBytes: 10 * MB,
    minBytes: 1,
  },
  {
    kind: 'voice',
    formats: [
      { contentType: 'audio/mpeg', label: 'MP3', extensions: ['mp3', 'mpeg'] },
      { contentType: 'audio/amr', label: 'AMR', extensions: ['amr'] },
    ],
    maxBytes: 2 * MB,
    minBytes: 1,
  },
  {
    kind: 'video',
    formats: [{ contentType: 'video/mp4', label: 'MP4', extensions: ['mp4'] }],
    maxBytes: 10 * MB,
    minBytes: 1,
  },
];

/** `media/upload?type=` for each kind an OA sends; files are not a custom-message type on an OA. */
export const OA_UPLOAD_TYPE: Partial<Record<AttachmentKind, Exclude<OaMediaType, 'thumb'>>> = {
  image: 'image',
  voice: 'voice',
  video: 'video',
};
