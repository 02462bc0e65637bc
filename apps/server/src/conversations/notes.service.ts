import { Injectable } from '@nestjs/common';
import type { MessageView } from '#contracts';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { DomainEvents } from '../common/domain-events.js';
import type { AuthUser } from '../identity/auth-user.js';
import { toMessageView } from './conversation-views.js';
import { ConversationsRepository } from './conversations.repository.js';
import { ConversationsService } from './conversations.service.js';

/** A note may be longer than a WeChat text: it is never sent, only read by agents. */
export const MAX_NOTE_CHARACTERS = 4000;

/**
 * Private notes (CV4): whoever may see a conversation may write one, in any state (a closed chat or a deleted
 * channel's included: a note is for the team, not the customer). Stored as a `note` message, so it stands in
 * the thread where it was written and the search finds it; the sender never picks it up.
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly reader: ConversationsService,
    private readonly events: DomainEvents,
  ) {}

  async addNote(user: AuthUser, conversationId: string, text: string): Promise<MessageView> {
    const words = text.trim();
    if (!words) throw new DomainError(ErrorCode.ValidationFailed, 'The note is empty');
    if ([...words].length > MAX_NOTE_CHARACTERS) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `The note is too long: at most ${MAX_NOTE_CHARACTERS} characters`,
      );
    }
    const visible = await this.reader.visibleConversation(user, conversationId);
    const id = await this.conversations.insertNote({
      conversationId,
      channelId: visible.channel_id,
      agentId: user.id,
      text: words,
    });
    const message = toMessageView((await this.conversations.findMessage(id))!);
    // Through the event log like every message: the other agents on the conversation see it live.
    this.events.emit('message.created', { channelId: visible.channel_id, conversationId, message });
    return message;
  }
}
