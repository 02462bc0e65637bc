import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock, SystemClock } from './clock.js';
import { DomainEvents } from './domain-events.js';
import { SecretBox } from './secret-box.js';

@Global()
@Module({})
export class CommonModule {
  /** `clock`: a test's fake clock; production passes nothing and gets the system clock. */
  static forRoot(clock?: Clock): DynamicModule {
    const clockProvider = clock
      ? { provide: Clock, useValue: clock }
      : { provide: Clock, useClass: SystemClock };
    return {
      module: CommonModule,
      providers: [DomainEvents, SecretBox, clockProvider],
      exports: [DomainEvents, SecretBox, Clock],
    };
  }
}
