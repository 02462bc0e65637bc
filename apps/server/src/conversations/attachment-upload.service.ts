import { Injectable } from '@nestjs/common';
import {
  checkAttachment,
  checkAttachmentType,
  tooLargeMessage,
  type AttachmentKind,
  type AttachmentRule,
  type UploadedAttachment,
} from '#contracts';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { UploadedFileStream, UploadLimits } from '../common/multipart-upload.js';
import type { AuthUser } from '../identity/auth-user.js';
import { defaultFilename, sniffContentType } from '../media/media-content-type.js';
import { MediaService } from '../media/media.service.js';
import { readStreamHead } from '../media/stream-head.js';
import { ConversationPresenter } from './conversation-presenter.js';
import { ConversationsService } from './conversations.service.js';
import { sendRefusal } from './send-refusal.js';

/** Enough for content sniffing (file-type reads at most this much) and for any platform's minimum size. */
const SNIFF_BYTES = 4100;
const FILENAME_MAX_CHARS = 120;

/** How the route hands over its one file, limited to what the conversation's channel allows. */
export type OpenUpload = (limits: UploadLimits) => Promise<UploadedFileStream>;

/**
 * An agent's attachment (issue 4 item 11): checked against the channel's rules by its bytes — the first few
 * KB are read and sniffed before anything is stored, the size is counted while it streams to storage — and
 * stored as a ready outbound file for a message to send. A refused file leaves nothing behind.
 */
@Injectable()
export class AttachmentUploadService {
  constructor(
    private readonly reader: ConversationsService,
    private readonly presenter: ConversationPresenter,
    private readonly media: MediaService,
  ) {}

  async upload(
    user: AuthUser,
    conversationId: string,
    kind: AttachmentKind,
    open: OpenUpload,
  ): Promise<UploadedAttachment> {
    const conversation = await this.presenter.view(
      await this.reader.visibleConversation(user, conversationId),
    );
    // Nothing could send it: refuse before the bytes are read.
    if (conversation.replyWindow.lock) throw sendRefusal(conversation.replyWindow.lock);
    const rules = conversation.attachmentRules;
    const rule = rules.find((r) => r.kind === kind);
    if (!rule) throw refusal(checkAttachmentType(rules, { kind, contentType: null }));

    const file = await open({ field: 'file', maxBytes: rule.maxBytes, what: 'The file' });
    const filename = cleanFilename(file.filename);
    const head = await readStreamHead(file.stream, SNIFF_BYTES);
    const stored = await this.checkAndStore(conversation.channelId, rule, rules, filename, head).finally(() =>
      head.discard(),
    );
    return { kind, media: stored };
  }

  private async checkAndStore(
    channelId: string,
    rule: AttachmentRule,
    rules: AttachmentRule[],
    filename: string | null,
    head: Awaited<ReturnType<typeof readStreamHead>>,
  ) {
    if (head.ended && head.head.length === 0) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `${filename ? `“${filename}”` : 'The file'} is empty`,
      );
    }
    const contentType = await sniffContentType(head.head);
    // The whole file is in the head when it is that small: the complete check, sizes included.
    const check = head.ended
      ? checkAttachment(rules, { kind: rule.kind, contentType, bytes: head.head.length, filename })
      : checkAttachmentType(rules, { kind: rule.kind, contentType, filename });
    if (!check.ok) throw refusal(check);
    try {
      return await this.media.store({
        channelId,
        direction: 'outbound',
        kind: rule.kind,
        data: head.whole,
        contentType,
        filename: filename ?? defaultFilename(rule.kind, contentType!),
        maxBytes: rule.maxBytes,
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.MediaTooLarge) {
        throw new DomainError(ErrorCode.MediaTooLarge, tooLargeMessage(rule, filename), {
          reason: 'too-large',
          maxBytes: rule.maxBytes,
        });
      }
      throw error;
    }
  }
}

function refusal(check: ReturnType<typeof checkAttachment>): DomainError {
  if (check.ok) throw new Error('Not a refusal');
  const code =
    check.reason === 'too-large'
      ? ErrorCode.MediaTooLarge
      : check.reason === 'too-small'
        ? ErrorCode.ValidationFailed
        : ErrorCode.UnsupportedMediaType;
  return new DomainError(code, check.message, { reason: check.reason });
}

/** The browser's name for the file, for people only: no path, no control characters, not endless. */
export function cleanFilename(raw: string | undefined): string | null {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!clean || clean === '.' || clean === '..') return null;
  return clean.length > FILENAME_MAX_CHARS ? clean.slice(clean.length - FILENAME_MAX_CHARS) : clean;
}
