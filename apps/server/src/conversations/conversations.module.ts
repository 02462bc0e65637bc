import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { MediaModule } from '../media/media.module.js';
import { ChannelAdapterRegistry } from './channel-adapter.registry.js';
import { ConversationIngestService } from './conversation-ingest.service.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationsRepository } from './conversations.repository.js';
import { ConversationsService } from './conversations.service.js';
import { InboundMediaFetcher } from './inbound-media-fetcher.service.js';
import { OutboundSenderService } from './outbound-sender.service.js';
import { SendMessageService } from './send-message.service.js';

@Module({
  imports: [IdentityModule, MediaModule],
  controllers: [ConversationsController],
  providers: [
    ConversationsRepository,
    ConversationsService,
    ConversationIngestService,
    SendMessageService,
    OutboundSenderService,
    InboundMediaFetcher,
    ChannelAdapterRegistry,
  ],
  exports: [ConversationIngestService, ChannelAdapterRegistry, ConversationsService],
})
export class ConversationsModule {}
