import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CannedRepliesModule } from './canned-replies/canned-replies.module.js';
import { ChatTimersModule } from './chat-timers/chat-timers.module.js';
import { ChannelsModule } from './channels/channels.module.js';
import type { Clock } from './common/clock.js';
import { CommonModule } from './common/common.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { ConversationsModule } from './conversations/conversations.module.js';
import { DatabaseModule } from './database/database.module.js';
import type { Database } from './database/open-database.js';
import { Public } from './identity/auth.decorators.js';
import { IdentityModule } from './identity/identity.module.js';
import { MediaModule } from './media/media.module.js';
import { PeopleModule } from './people/people.module.js';
import { PreferencesModule } from './preferences/preferences.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { TicketingModule } from './ticketing/ticketing.module.js';
import { SearchModule } from './search/search.module.js';

@ApiTags('health')
@Controller('api/health')
class HealthController {
  @Public()
  @Get()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

export interface AppOptions {
  clock?: Clock;
}

@Module({})
export class AppModule {
  /** `options.clock`: only tests pass one (a fake clock they move); production runs on the system clock. */
  static forRoot(config: AppConfig, database: Database, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forDatabase(database),
        CommonModule.forRoot(options.clock),
        IdentityModule,
        MediaModule,
        ConversationsModule,
        ChannelsModule,
        TicketingModule,
        RealtimeModule,
        PeopleModule,
        SearchModule,
        CannedRepliesModule,
        PreferencesModule,
        ChatTimersModule,
      ],
      controllers: [HealthController],
    };
  }
}
