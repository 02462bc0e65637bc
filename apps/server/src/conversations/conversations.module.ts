import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { MediaModule } from '../media/media.module.js';
import { AttachmentUploadService } from './attachment-upload.service.js';
import { ChannelAdapterRegistry } from './channel-adapter.registry.js';
import { ContactProfileService } from './contact-profile.service.js';
import { ContactsRepository } from './contacts.repository.js';
import { ConversationIngestService } from './conversation-ingest.service.js';
import { ConversationPresenter } from './conversation-presenter.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationsRepository } from './conversations.repository.js';
import { ConversationsService } from './conversations.service.js';
import { InboundGroupCommit } from './inbound-group-commit.js';
import { InboundMediaFetcher } from './inbound-media-fetcher.service.js';
import { OutboundSenderService } from './outbound-sender.service.js';
import { OutboxRepository } from './outbox.repository.js';
import { SendMessageService } from './send-message.service.js';
import { TypingService } from './typing.service.js';

@Module({
  imports: [IdentityModule, MediaModule],
  controllers: [ConversationsController],
  providers: [
    ConversationsRepository,
    ContactsRepository,
    OutboxRepository,
    ConversationsService,
    ConversationPresenter,
    ConversationIngestService,
    ContactProfileService,
    SendMessageService,
    AttachmentUploadService,
    OutboundSenderService,
    TypingService,
    InboundMediaFetcher,
    ChannelAdapterRegistry,
    InboundGroupCommit,
  ],
  exports: [ConversationIngestService, ChannelAdapterRegistry, ConversationsService, TypingService],
})
export class ConversationsModule {}
