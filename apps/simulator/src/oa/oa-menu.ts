import { isRecord } from '../http/http-types.js';
import { PlatformRefusal } from '../platform-errors.js';

const BUTTON_TYPES = new Set([
  'click',
  'view',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
  'media_id',
  'miniprogram',
  'article_id',
  'article_view_limited',
]);
const KEY_TYPES = new Set([
  'click',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
]);

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Validates a menu/create body (1–3 buttons, 1–5 sub-buttons, name/key/url sizes) and returns it. */
export function checkMenu(body: unknown): { button: unknown[] } {
  if (!isRecord(body)) throw new PlatformRefusal(47001);
  const buttons = body.button;
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) throw new PlatformRefusal(40016);
  for (const button of buttons) {
    if (!isRecord(button)) throw new PlatformRefusal(47001);
    if (button.sub_button !== undefined) {
      const subs = button.sub_button;
      if (!Array.isArray(subs) || subs.length < 1 || subs.length > 5) throw new PlatformRefusal(40023);
      checkName(button.name, 16);
      for (const sub of subs) checkLeaf(sub, 60);
    } else {
      checkLeaf(button, 16);
    }
  }
  return { button: buttons };
}

function checkName(name: unknown, maxBytes: number): void {
  if (typeof name !== 'string' || name.length === 0 || bytes(name) > maxBytes)
    throw new PlatformRefusal(40018);
}

function checkLeaf(button: unknown, nameMaxBytes: number): void {
  if (!isRecord(button)) throw new PlatformRefusal(47001);
  checkName(button.name, nameMaxBytes);
  if (typeof button.type !== 'string' || !BUTTON_TYPES.has(button.type)) throw new PlatformRefusal(40017);
  if (KEY_TYPES.has(button.type)) {
    if (typeof button.key !== 'string' || button.key.length === 0 || bytes(button.key) > 128)
      throw new PlatformRefusal(40019);
  }
  if (button.type === 'view' || button.type === 'miniprogram') {
    if (typeof button.url !== 'string' || button.url.length === 0 || bytes(button.url) > 1024)
      throw new PlatformRefusal(40020);
  }
}
