import { Body, Controller, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from './auth-user.js';
import { CurrentUser } from './auth.decorators.js';
import { SetPresenceDto } from './identity.dto.js';
import { PresenceService } from './presence.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(private readonly presence: PresenceService) {}

  @Put('presence')
  @HttpCode(204)
  setPresence(@CurrentUser() user: AuthUser, @Body() body: SetPresenceDto): Promise<void> {
    return this.presence.setPresence(user, body.presence);
  }

  /** The console reports that the person is at the keyboard (throttled on both sides). */
  @Post('activity')
  @HttpCode(204)
  activity(@CurrentUser() user: AuthUser): Promise<void> {
    return this.presence.noteActivity(user);
  }
}
