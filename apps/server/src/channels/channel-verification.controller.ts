import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChannelVerification } from '#contracts';
import { Roles } from '../identity/auth.decorators.js';
import { ChannelVerificationService } from './channel-verification.service.js';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/channels')
export class ChannelVerificationController {
  constructor(private readonly verification: ChannelVerificationService) {}

  /** "Verify installation": a readable result (ok, IP not whitelisted, bad secret, no permission), also recorded as the channel's health. */
  @Roles('admin')
  @Post(':id/verify')
  @HttpCode(200)
  verify(@Param('id', ParseUUIDPipe) id: string): Promise<ChannelVerification> {
    return this.verification.verify(id);
  }
}
