import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DomainEvents } from '../common/domain-events.js';
import { ChannelAdapterRegistry } from './channel-adapter.registry.js';
import { ContactsRepository } from './contacts.repository.js';
import { ConversationPresenter } from './conversation-presenter.js';
import { ConversationsRepository } from './conversations.repository.js';

/** WeChat's profile changes rarely and is mostly empty (OA7): asking more than daily only burns API quota. */
export const PROFILE_REFRESH_SECONDS = 24 * 3600;
const RETRY_AFTER_FAILURE_SECONDS = 3600;

/**
 * Fills in a contact's name and avatar from the platform, in the background after a message arrives: first
 * when the contact is new, then at most once a day. Without a name from the platform the contact keeps the
 * fallback it was created with ("<account name>_<openid>" for Official Accounts).
 */
@Injectable()
export class ContactProfileService implements OnModuleDestroy {
  private readonly logger = new Logger(ContactProfileService.name);
  private readonly inFlight = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly contacts: ContactsRepository,
    private readonly conversations: ConversationsRepository,
    private readonly presenter: ConversationPresenter,
    private readonly adapters: ChannelAdapterRegistry,
    private readonly events: DomainEvents,
  ) {}

  /** Fire and forget; resolves the returned promise when done (tests and shutdown may wait for it). */
  refreshSoon(contactId: string): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const running = this.inFlight.get(contactId);
    if (running) return running;
    const work = this.refreshIfDue(contactId)
      .catch((error: unknown) =>
        this.logger.error(`Profile refresh of contact ${contactId} failed: ${String(error)}`),
      )
      .finally(() => this.inFlight.delete(contactId));
    this.inFlight.set(contactId, work);
    return work;
  }

  /** Lets refreshes under way finish before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.inFlight.values());
  }

  private async refreshIfDue(contactId: string): Promise<void> {
    const claim = await this.contacts.claimProfileRefresh(contactId, PROFILE_REFRESH_SECONDS);
    if (!claim) return;
    let profile;
    try {
      profile = await this.adapters.forKind(claim.channel_kind).fetchProfile({
        channelId: claim.channel_id,
        platformUserId: claim.platform_user_id,
      });
    } catch (error) {
      this.logger.warn(`The platform did not give contact ${contactId}'s profile: ${String(error)}`);
      await this.contacts.postponeProfileRefresh(
        contactId,
        PROFILE_REFRESH_SECONDS,
        RETRY_AFTER_FAILURE_SECONDS,
      );
      return;
    }
    if (!profile) return;
    const changed = await this.contacts.updateProfile(contactId, profile);
    // Every refresh, not only a new one: linking is idempotent and picks up what an earlier attempt missed.
    if (profile.unionId) this.events.emit('contact.union-id', { contactId, unionId: profile.unionId });
    if (!changed) return;
    for (const conversationId of await this.contacts.openConversationIds(contactId)) {
      const row = await this.conversations.findConversation(conversationId);
      if (row) {
        this.events.emit('conversation.updated', {
          channelId: row.channel_id,
          conversation: await this.presenter.view(row),
        });
      }
    }
  }
}
