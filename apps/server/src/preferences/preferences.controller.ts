import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChannelPreferencesView, DepartmentPreferencesView } from '#contracts';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser, Roles } from '../identity/auth.decorators.js';
import { DepartmentSettingsDto, UpdateChannelPreferencesDto } from './preferences.dto.js';
import { PreferencesService } from './preferences.service.js';

/** Admins only: these settings decide what happens to every chat of a department. */
@ApiTags('preferences')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get('departments/:id')
  department(@Param('id', ParseUUIDPipe) id: string): Promise<DepartmentPreferencesView> {
    return this.preferences.department(id);
  }

  @Put('departments/:id')
  saveDepartment(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DepartmentSettingsDto,
  ): Promise<DepartmentPreferencesView> {
    return this.preferences.saveDepartment(user, id, body);
  }

  @Get('channels/:id')
  channel(@Param('id', ParseUUIDPipe) id: string): Promise<ChannelPreferencesView> {
    return this.preferences.channel(id);
  }

  @Put('channels/:id')
  saveChannel(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateChannelPreferencesDto,
  ): Promise<ChannelPreferencesView> {
    return this.preferences.saveChannel(user, id, body.overrides);
  }
}
