import { Injectable, Logger } from '@nestjs/common';
import { DomainEvents } from '../common/domain-events.js';
import type { AuthUser } from '../identity/auth-user.js';
import { ChannelAdapterRegistry } from './channel-adapter.registry.js';
import { ContactsRepository } from './contacts.repository.js';
import { ConversationPresenter } from './conversation-presenter.js';
import { ConversationsService } from './conversations.service.js';

/** One agent's typing events are looked at this often at most (they arrive every few seconds while typing). */
const PER_AGENT_MS = 2_000;
/** WeChat shows "typing" for 15 s and refuses a new one while it is shown; a sent message ends it. */
const PER_CONVERSATION_MS = 15_000;

export type TypingResult = 'sent' | 'throttled' | 'not-allowed';

/**
 * "The agent is typing" for the customer (OA9): only for agents who may see the conversation, only while a
 * reply is allowed, at WeChat's pace. Best effort and separate from sending: a failure here is logged, never
 * shown, never retried.
 */
@Injectable()
export class TypingService {
  private readonly logger = new Logger(TypingService.name);
  private readonly agentSeen = new Map<string, number>();
  private readonly shownUntil = new Map<string, number>();

  constructor(
    private readonly conversations: ConversationsService,
    private readonly contacts: ContactsRepository,
    private readonly presenter: ConversationPresenter,
    private readonly adapters: ChannelAdapterRegistry,
    events: DomainEvents,
  ) {
    // The platform ends the indicator when a message arrives: the next keystroke may show it again.
    events.on('message.updated', ({ conversationId, message }) => {
      if (message.deliveryState === 'sent') this.shownUntil.delete(conversationId);
    });
  }

  async agentTyping(user: AuthUser, conversationId: string, now = Date.now()): Promise<TypingResult> {
    const agentKey = `${user.id}:${conversationId}`;
    if ((this.agentSeen.get(agentKey) ?? 0) > now) return 'throttled';
    this.agentSeen.set(agentKey, now + PER_AGENT_MS);
    this.forgetOld(now);

    // Throws not-found for a conversation the agent may not see: the gateway drops it silently.
    const row = await this.conversations.visibleConversation(user, conversationId);
    const view = await this.presenter.view(row);
    if (view.replyWindow.lock) return 'not-allowed';
    if ((this.shownUntil.get(conversationId) ?? 0) > now) return 'throttled';
    this.shownUntil.set(conversationId, now + PER_CONVERSATION_MS);

    const recipient = await this.contacts.platformUserId(row.contact_id);
    if (!recipient) return 'not-allowed';
    this.adapters
      .forKind(row.channel_kind)
      .sendTyping({ channelId: row.channel_id, recipient })
      .catch((error: unknown) => {
        this.shownUntil.delete(conversationId);
        this.logger.debug(`Typing indicator for ${conversationId} not shown: ${String(error)}`);
      });
    return 'sent';
  }

  private forgetOld(now: number): void {
    if (this.agentSeen.size < 10_000 && this.shownUntil.size < 10_000) return;
    for (const [key, until] of this.agentSeen) if (until <= now) this.agentSeen.delete(key);
    for (const [key, until] of this.shownUntil) if (until <= now) this.shownUntil.delete(key);
  }
}
