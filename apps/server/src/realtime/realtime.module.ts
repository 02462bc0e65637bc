import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { AgentGateway } from './agent-gateway.js';
import { CatchUpService } from './catch-up.service.js';
import { EventLogDoorbell } from './event-log-doorbell.js';
import { EventLogPruner } from './event-log-pruner.js';
import { EventLogWriter } from './event-log-writer.js';
import { EventLogRepository } from './event-log.repository.js';
import { LiveDelivery } from './live-delivery.service.js';
import { LiveEventFanout } from './live-event-fanout.js';
import { SocketScopes } from './socket-scopes.service.js';

@Module({
  imports: [IdentityModule, ConversationsModule],
  providers: [
    AgentGateway,
    SocketScopes,
    EventLogRepository,
    EventLogWriter,
    LiveDelivery,
    LiveEventFanout,
    EventLogDoorbell,
    EventLogPruner,
    CatchUpService,
  ],
  exports: [EventLogWriter, EventLogPruner],
})
export class RealtimeModule {}
