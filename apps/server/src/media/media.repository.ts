import { Injectable } from '@nestjs/common';
import type { ChannelKind, MediaState } from '#contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRow, sqlRows, type SqlExecutor } from '../database/sql.js';
import type { MediaDirection, MediaKind } from './media-kind.js';

export interface MediaRow {
  id: string;
  channel_id: string;
  message_id: string | null;
  direction: MediaDirection;
  kind: MediaKind;
  state: MediaState;
  platform_media_id: string | null;
  /** Outbound files: when the platform's id for it (`platform_media_id`) stops being valid. */
  platform_media_expires_at: Date | null;
  content_type: string | null;
  bytes: number | null;
  filename: string | null;
  sha256: string | null;
  storage_key: string | null;
  failure_reason: string | null;
  attempts: number;
  created_at: Date;
}

/** An inbound file to fetch from the platform, claimed by one process under a lease. */
export interface ClaimedMediaFetch {
  id: string;
  channel_id: string;
  channel_kind: ChannelKind;
  message_id: string | null;
  kind: MediaKind;
  platform_media_id: string;
  filename: string | null;
  attempts: number;
}

export interface PendingInboundMedia {
  id: string;
  kind: MediaKind;
  platformMediaId: string;
  filename: string | null;
}

const COLUMNS = `id, channel_id, message_id, direction, kind, state, platform_media_id, platform_media_expires_at, content_type,
  bytes::float8 AS bytes, filename, sha256, storage_key, failure_reason, attempts, created_at`;

/**
 * The media of one message as JSON, for message queries (`… AS media`): the fields a MediaView needs. Kept
 * here so the media module owns its columns; `m` is the messages alias.
 */
export const MESSAGE_MEDIA_JSON = `(SELECT coalesce(jsonb_agg(jsonb_build_object(
    'id', f.id, 'state', f.state, 'contentType', f.content_type, 'bytes', f.bytes, 'filename', f.filename,
    'failureReason', f.failure_reason)), '[]'::jsonb)
  FROM media_files f WHERE f.message_id = m.id)`;

@Injectable()
export class MediaRepository {
  constructor(private readonly db: DataSource) {}

  /** Inside the ingest transaction: the message's files, to be fetched after commit. */
  async insertPendingInbound(
    tx: SqlExecutor,
    channelId: string,
    messageId: string,
    files: PendingInboundMedia[],
  ): Promise<void> {
    if (files.length === 0) return;
    await sqlRows(
      tx,
      `INSERT INTO media_files (id, channel_id, message_id, direction, kind, state, platform_media_id, filename)
       SELECT f.id, $1, $2, 'inbound', f.kind, 'pending', f.platform_media_id, f.filename
       FROM jsonb_to_recordset($3::jsonb) AS f(id uuid, kind text, platform_media_id text, filename text)`,
      [
        channelId,
        messageId,
        JSON.stringify(
          files.map((f) => ({
            id: f.id,
            kind: f.kind,
            platform_media_id: f.platformMediaId,
            filename: f.filename,
          })),
        ),
      ],
    );
  }

  async insertReady(row: {
    id: string;
    channelId: string;
    direction: MediaDirection;
    kind: MediaKind;
    contentType: string;
    bytes: number;
    filename: string | null;
    sha256: string;
    storageKey: string;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO media_files (id, channel_id, direction, kind, state, content_type, bytes, filename, sha256,
                                storage_key, ready_at)
       VALUES ($1, $2, $3, $4, 'ready', $5, $6, $7, $8, $9, now())`,
      [
        row.id,
        row.channelId,
        row.direction,
        row.kind,
        row.contentType,
        row.bytes,
        row.filename,
        row.sha256,
        row.storageKey,
      ],
    );
  }

  find(id: string): Promise<MediaRow | null> {
    return sqlRow<MediaRow>(this.db.manager, `SELECT ${COLUMNS} FROM media_files WHERE id = $1`, [id]);
  }

  /** Links stored files to the message they belong to (an agent's attachment, once its message exists). */
  async attachToMessage(tx: EntityManager, mediaIds: string[], messageId: string): Promise<void> {
    if (mediaIds.length === 0) return;
    await tx.query(`UPDATE media_files SET message_id = $2 WHERE id = ANY($1::uuid[])`, [
      mediaIds,
      messageId,
    ]);
  }

  /**
   * Inside the send transaction: gives an agent's uploaded file to its message. False when it is not a ready
   * outbound file of this channel and kind, or another message took it first (one file, one message).
   */
  async attachUpload(
    tx: EntityManager,
    upload: { mediaId: string; channelId: string; kind: MediaKind },
    messageId: string,
  ): Promise<boolean> {
    const row = await sqlRow(
      tx,
      `UPDATE media_files SET message_id = $4
       WHERE id = $1 AND channel_id = $2 AND kind = $3 AND direction = 'outbound' AND state = 'ready'
         AND message_id IS NULL
       RETURNING id`,
      [upload.mediaId, upload.channelId, upload.kind, messageId],
    );
    return row !== null;
  }

  /** The platform's id for an outbound file and when it stops being valid (a retry reuses it until then). */
  async rememberPlatformUpload(id: string, platformMediaId: string, expiresAt: Date): Promise<void> {
    await this.db.query(
      `UPDATE media_files SET platform_media_id = $2, platform_media_expires_at = $3
       WHERE id = $1 AND direction = 'outbound'`,
      [id, platformMediaId, expiresAt],
    );
  }

  /**
   * Removes uploads no message took within `olderThanSeconds` (the agent removed the file, or the send was
   * refused), returning their storage keys for the caller to delete. SKIP LOCKED: a send that is attaching one
   * right now keeps it.
   */
  purgeUnsentUploads(
    olderThanSeconds: number,
    limit: number,
  ): Promise<Array<{ storage_key: string | null }>> {
    return sqlRows(
      this.db.manager,
      `DELETE FROM media_files WHERE id IN (
         SELECT id FROM media_files
         WHERE direction = 'outbound' AND message_id IS NULL
           AND created_at < now() - make_interval(secs => $1)
         ORDER BY created_at LIMIT $2
         FOR UPDATE SKIP LOCKED)
       RETURNING storage_key`,
      [olderThanSeconds, limit],
    );
  }

  /**
   * Claims inbound files due for fetching (FOR UPDATE SKIP LOCKED: several processes never take the same
   * one). The lease covers the download; a process that dies mid-way leaves the file to the next claim.
   */
  claimDueFetches(limit: number, leaseSeconds: number): Promise<ClaimedMediaFetch[]> {
    return sqlRows<ClaimedMediaFetch>(
      this.db.manager,
      `WITH due AS (
         SELECT f.id FROM media_files f
         WHERE f.state = 'pending' AND f.direction = 'inbound' AND f.next_attempt_at <= now()
           AND (f.locked_until IS NULL OR f.locked_until < now())
         ORDER BY f.next_attempt_at LIMIT $1
         FOR UPDATE OF f SKIP LOCKED)
       UPDATE media_files f SET locked_until = now() + make_interval(secs => $2), attempts = f.attempts + 1
       FROM due, channels ch
       WHERE f.id = due.id AND ch.id = f.channel_id
       RETURNING f.id, f.channel_id, ch.kind AS channel_kind, f.message_id, f.kind, f.platform_media_id,
                 f.filename, f.attempts`,
      [limit, leaseSeconds],
    );
  }

  /** False when the file was no longer pending (another attempt finished it first). */
  async markReady(
    id: string,
    stored: {
      contentType: string;
      bytes: number;
      sha256: string;
      storageKey: string;
      filename: string | null;
    },
  ): Promise<boolean> {
    const row = await sqlRow(
      this.db.manager,
      `UPDATE media_files SET state = 'ready', content_type = $2, bytes = $3, sha256 = $4, storage_key = $5,
              filename = coalesce(filename, $6), failure_reason = NULL, locked_until = NULL, ready_at = now()
       WHERE id = $1 AND state = 'pending' RETURNING id`,
      [id, stored.contentType, stored.bytes, stored.sha256, stored.storageKey, stored.filename],
    );
    return row !== null;
  }

  async scheduleRetry(id: string, reason: string, delaySeconds: number): Promise<void> {
    await this.db.query(
      `UPDATE media_files SET failure_reason = $2, locked_until = NULL,
              next_attempt_at = now() + make_interval(secs => $3)
       WHERE id = $1 AND state = 'pending'`,
      [id, reason, delaySeconds],
    );
  }

  async markFailed(id: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE media_files SET state = 'failed', failure_reason = $2, locked_until = NULL
       WHERE id = $1 AND state = 'pending'`,
      [id, reason],
    );
  }
}
