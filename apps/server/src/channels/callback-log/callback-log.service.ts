import { Inject, Injectable } from '@nestjs/common';
import type { CallbackLogEntryView, CallbackLogPage, CallbackLogQuery } from '#contracts';
import { DomainError, ErrorCode, notFound } from '../../common/domain-error.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { CallbackLogRepository, type CallbackLogRow } from './callback-log.repository.js';
import { CallbackReplayers } from './callback-replayers.js';

const DEFAULT_PAGE = 50;

/** The flight recorder for admins (BX1): filter and page through callbacks, re-ingest one that failed. */
@Injectable()
export class CallbackLogService {
  constructor(
    private readonly log: CallbackLogRepository,
    private readonly replayers: CallbackReplayers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: CallbackLogQuery): Promise<CallbackLogPage> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.log.list({
      channelIds: query.channelId ? [query.channelId] : undefined,
      result: query.result,
      verdict: query.verdict,
      messageType: query.type,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      beforeId: query.before,
      limit,
    });
    return {
      entries: rows.map(toEntryView),
      nextCursor: rows.length === limit ? rows[rows.length - 1].id : null,
      retentionDays: this.config.callbackLogRetentionDays,
    };
  }

  async get(id: string): Promise<CallbackLogEntryView> {
    const row = await this.log.find(id);
    if (!row) throw notFound('Callback');
    return toEntryView(row);
  }

  /** Through the ingest again, deduplicated as ever: a message stored meanwhile by a retry is a duplicate. */
  async reingest(id: string): Promise<CallbackLogEntryView> {
    const row = await this.log.find(id);
    if (!row) throw notFound('Callback');
    if (!canReingest(row)) {
      throw new DomainError(
        ErrorCode.CannotReingest,
        row.result === 'refused'
          ? 'A refused callback was never verified, so there is nothing to re-ingest'
          : 'Only callbacks that failed on our side can be re-ingested; this one was stored',
      );
    }
    const replayer = this.replayers.forKind(row.channel_kind);
    if (!replayer) {
      throw new DomainError(
        ErrorCode.CannotReingest,
        `Callbacks of ${row.channel_kind} channels cannot be re-ingested`,
      );
    }
    return this.get(await replayer.reingest(row));
  }
}

function canReingest(row: CallbackLogRow): boolean {
  return row.result === 'failed' && row.payload !== null;
}

function toEntryView(row: CallbackLogRow): CallbackLogEntryView {
  return {
    id: row.id,
    receivedAt: new Date(row.received_at).toISOString(),
    channelId: row.channel_id,
    channelKind: row.channel_kind,
    channelName: row.channel_name,
    messageType: row.message_type,
    eventType: row.event_type,
    verdict: row.verdict,
    result: row.result,
    reason: row.reason,
    platformMessageId: row.platform_message_id,
    messageId: row.message_id,
    conversationId: row.conversation_id,
    encrypted: row.encrypted,
    bodyBytes: row.body_bytes,
    payload: row.payload,
    bodyPrefix: row.body_prefix,
    reingestOf: row.reingest_of,
    canReingest: canReingest(row),
  };
}
