import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { MediaAccessTicket, MediaView } from '#contracts';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { AccessScopeService } from '../identity/access-scope.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import { bearerToken } from '../identity/auth.guard.js';
import { AuthService } from '../identity/auth.service.js';
import { MediaAccessTickets } from './media-access-tickets.js';
import { mayDisplayInline } from './media-content-type.js';
import type { ByteRange } from './media-storage.js';
import { MediaService } from './media.service.js';
import { mediaRowView } from './media-views.js';

export interface MediaCredentials {
  authorization?: string;
  /** `?access=` on a URL that an `<img>` or `<audio>` loads. */
  ticket?: string;
}

export interface MediaResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  stream: Readable | null;
}

/**
 * Who may have a media file's bytes: a live session (bearer header or media ticket) whose user may see
 * the file's channel. Everyone else gets the same 404 as for a file that does not exist.
 */
@Injectable()
export class MediaDeliveryService {
  constructor(
    private readonly media: MediaService,
    private readonly auth: AuthService,
    private readonly access: AccessScopeService,
    private readonly tickets: MediaAccessTickets,
  ) {}

  issueTicket(user: AuthUser): MediaAccessTicket {
    return this.tickets.issue(user.sessionId);
  }

  async describe(user: AuthUser, id: string): Promise<MediaView> {
    const media = await this.media.find(id);
    if (!media || !(await this.access.canSeeChannel(user, media.channel_id))) throw notFound('Media');
    return mediaRowView(media);
  }

  async content(id: string, credentials: MediaCredentials, rangeHeader?: string): Promise<MediaResponse> {
    const user = await this.authenticate(credentials);
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in to see this file');
    const media = await this.media.find(id);
    if (!media || !(await this.access.canSeeChannel(user, media.channel_id))) throw notFound('Media');
    if (media.state !== 'ready' || media.bytes === null || !media.content_type) {
      throw new DomainError(
        ErrorCode.MediaNotReady,
        media.state === 'failed'
          ? `This file could not be fetched: ${media.failure_reason ?? 'unknown reason'}`
          : 'This file is still being fetched from the platform',
      );
    }
    const size = media.bytes;
    const headers: Record<string, string> = {
      'content-type': media.content_type,
      'accept-ranges': 'bytes',
      // The id's bytes never change; the URL carries a per-session ticket, so only this browser caches it.
      'cache-control': 'private, max-age=86400',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'same-origin',
      'content-disposition': disposition(media.content_type, media.filename),
    };
    const range = rangeHeader ? parseRange(rangeHeader, size) : undefined;
    if (range === null) {
      return { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` }, stream: null };
    }
    const { stream } = await this.media.open(id, range);
    if (range) {
      headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
      headers['content-length'] = String(range.end - range.start + 1);
      return { status: 206, headers, stream };
    }
    headers['content-length'] = String(size);
    return { status: 200, headers, stream };
  }

  private async authenticate(credentials: MediaCredentials): Promise<AuthUser | null> {
    const token = bearerToken(credentials.authorization);
    if (token) return this.auth.authenticate(token);
    if (!credentials.ticket) return null;
    const sessionId = this.tickets.verify(credentials.ticket);
    return sessionId ? this.auth.authenticateSession(sessionId) : null;
  }
}

function disposition(contentType: string, filename: string | null): string {
  const type = mayDisplayInline(contentType) ? 'inline' : 'attachment';
  if (!filename) return type;
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** One `bytes=` range (RFC 9110 §14.1.2); undefined: serve everything; null: not satisfiable. */
export function parseRange(header: string, size: number): ByteRange | undefined | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges, or another unit: answering with the whole file is allowed.
  if (!match) return undefined;
  const [, startRaw, endRaw] = match;
  if (startRaw === '' && endRaw === '') return null;
  if (startRaw === '') {
    const suffix = Number(endRaw);
    if (suffix === 0 || size === 0) return null;
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(startRaw);
  const end = endRaw === '' ? size - 1 : Math.min(Number(endRaw), size - 1);
  if (start >= size || end < start) return null;
  return { start, end };
}
