import { Global, Module } from '@nestjs/common';
import { DomainEvents } from './domain-events.js';
import { SecretBox } from './secret-box.js';

@Global()
@Module({ providers: [DomainEvents, SecretBox], exports: [DomainEvents, SecretBox] })
export class CommonModule {}
