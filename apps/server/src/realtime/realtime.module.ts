import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { AgentGateway } from './agent-gateway.js';

@Module({ imports: [IdentityModule], providers: [AgentGateway] })
export class RealtimeModule {}
