import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { AgentGateway } from './agent-gateway.js';

@Module({ imports: [IdentityModule, ConversationsModule], providers: [AgentGateway] })
export class RealtimeModule {}
