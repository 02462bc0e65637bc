import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { MediaAccessTicket } from '#contracts';
import { MASTER_KEY } from '../config/config.module.js';

/** Long enough for a chat to stay open a while; the console renews the ticket well before it runs out. */
export const MEDIA_TICKET_TTL_SECONDS = 30 * 60;
const VERSION = 'v1';

/**
 * Lets `<img>`, `<audio>` and `<video>` (which cannot send the bearer header) load media: an HMAC over the
 * session id and an expiry, keyed from the master key (so every process accepts every other's tickets). A
 * ticket is worth no more than its session: it dies with a logout, and each request still checks that the
 * session's user may see the file's channel.
 */
@Injectable()
export class MediaAccessTickets {
  private readonly key: Buffer;

  constructor(@Inject(MASTER_KEY) masterKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'desk/media-access-ticket', 32));
  }

  issue(sessionId: string, now = Date.now()): MediaAccessTicket {
    const expires = Math.floor(now / 1000) + MEDIA_TICKET_TTL_SECONDS;
    const body = `${VERSION}.${sessionId}.${expires}`;
    return { ticket: `${body}.${this.mac(body)}`, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** The session id the ticket was issued to, or null when it is forged, tampered with or expired. */
  verify(ticket: string, now = Date.now()): string | null {
    if (typeof ticket !== 'string' || ticket.length > 200) return null;
    const parts = ticket.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) return null;
    const [, sessionId, expiresRaw, mac] = parts;
    if (!/^[0-9a-f-]{36}$/i.test(sessionId) || !/^\d{1,12}$/.test(expiresRaw)) return null;
    const expected = Buffer.from(this.mac(`${VERSION}.${sessionId}.${expiresRaw}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const expires = Number(expiresRaw) * 1000;
    if (expires <= now || expires > now + (MEDIA_TICKET_TTL_SECONDS + 60) * 1000) return null;
    return sessionId;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
