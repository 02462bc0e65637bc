import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { CannedRepliesController } from './canned-replies.controller.js';
import { CannedRepliesRepository } from './canned-replies.repository.js';
import { CannedRepliesService } from './canned-replies.service.js';

/** Canned replies (CV4): managed here, picked in the composer. */
@Module({
  imports: [IdentityModule, ConversationsModule],
  controllers: [CannedRepliesController],
  providers: [CannedRepliesRepository, CannedRepliesService],
})
export class CannedRepliesModule {}
