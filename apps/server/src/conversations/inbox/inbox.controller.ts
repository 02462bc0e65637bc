import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { InboxCounts, InboxPage } from '#contracts';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser } from '../../identity/auth.decorators.js';
import { InboxCountsDto, InboxDto } from './inbox.dto.js';
import { InboxService } from './inbox.service.js';

/** The inbox (RT3): every role, within the channels it may see. */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('api/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  page(@CurrentUser() user: AuthUser, @Query() query: InboxDto): Promise<InboxPage> {
    return this.inbox.page(user, query);
  }

  @Get('counts')
  counts(@CurrentUser() user: AuthUser, @Query() query: InboxCountsDto): Promise<InboxCounts> {
    return this.inbox.counts(user, query);
  }
}
