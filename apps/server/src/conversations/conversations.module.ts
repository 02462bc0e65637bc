import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { MediaModule } from '../media/media.module.js';
import { AssignmentController } from './assignment.controller.js';
import { AssignmentService } from './assignment.service.js';
import { AutoAssignmentRepository } from './auto-assignment.repository.js';
import { AutoAssignmentService } from './auto-assignment.service.js';
import { SupervisorController } from './supervisor.controller.js';
import { SupervisorRepository } from './supervisor.repository.js';
import { SupervisorService } from './supervisor.service.js';
import { PreferencesModule } from '../preferences/preferences.module.js';
import { ConversationOpeningTimers } from './conversation-opening-timers.service.js';
import { SystemMessagesService } from './system-messages.service.js';
import { AttachmentUploadService } from './attachment-upload.service.js';
import { ChannelAdapterRegistry } from './channel-adapter.registry.js';
import { ContactProfileService } from './contact-profile.service.js';
import { ContactsRepository } from './contacts.repository.js';
import { ConversationActivityRepository } from './conversation-activity.repository.js';
import { ConversationStateRepository } from './conversation-state.repository.js';
import { ConversationTransitionsService } from './conversation-transitions.service.js';
import { ConversationIngestService } from './conversation-ingest.service.js';
import { ConversationPresenter } from './conversation-presenter.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationAutomationRepository } from './conversation-automation.repository.js';
import { ConversationsRepository } from './conversations.repository.js';
import { ConversationsService } from './conversations.service.js';
import { InboxController } from './inbox/inbox.controller.js';
import { InboxRepository } from './inbox/inbox.repository.js';
import { InboxService } from './inbox/inbox.service.js';
import { InboundGroupCommit } from './inbound-group-commit.js';
import { InboundMediaFetcher } from './inbound-media-fetcher.service.js';
import { NotesService } from './notes.service.js';
import { OutboundSenderService } from './outbound-sender.service.js';
import { OutboxRepository } from './outbox.repository.js';
import { SendMessageService } from './send-message.service.js';
import { TypingService } from './typing.service.js';

@Module({
  imports: [IdentityModule, MediaModule, PreferencesModule],
  controllers: [ConversationsController, AssignmentController, SupervisorController, InboxController],
  providers: [
    ConversationsRepository,
    ContactsRepository,
    OutboxRepository,
    ConversationsService,
    ConversationPresenter,
    ConversationIngestService,
    ContactProfileService,
    SendMessageService,
    NotesService,
    InboxRepository,
    InboxService,
    AttachmentUploadService,
    OutboundSenderService,
    TypingService,
    InboundMediaFetcher,
    ChannelAdapterRegistry,
    InboundGroupCommit,
    ConversationStateRepository,
    ConversationActivityRepository,
    ConversationTransitionsService,
    AssignmentService,
    AutoAssignmentRepository,
    AutoAssignmentService,
    SupervisorRepository,
    SupervisorService,
    ConversationAutomationRepository,
    ConversationOpeningTimers,
    SystemMessagesService,
  ],
  exports: [
    ConversationIngestService,
    ChannelAdapterRegistry,
    ConversationsService,
    TypingService,
    ConversationTransitionsService,
    ConversationActivityRepository,
    ConversationAutomationRepository,
    SystemMessagesService,
  ],
})
export class ConversationsModule {}
