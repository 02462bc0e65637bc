import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { SupervisorOverview } from '#contracts';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser, Roles } from '../identity/auth.decorators.js';
import { SupervisorService } from './supervisor.service.js';

@ApiTags('supervisor')
@ApiBearerAuth()
@Controller('api/supervisor')
export class SupervisorController {
  constructor(private readonly supervisor: SupervisorService) {}

  @Roles('admin', 'supervisor')
  @Get('overview')
  overview(@CurrentUser() user: AuthUser): Promise<SupervisorOverview> {
    return this.supervisor.overview(user);
  }
}
