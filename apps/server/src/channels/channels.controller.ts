import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChannelView } from '#contracts';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser, Roles } from '../identity/auth.decorators.js';
import { CreateChannelDto, SetChannelAgentsDto } from './channels.dto.js';
import { ChannelsService } from './channels.service.js';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Roles('admin')
  @Post()
  create(@Body() body: CreateChannelDto): Promise<ChannelView> {
    return this.channels.create(body);
  }

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<ChannelView[]> {
    return this.channels.list(user);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ChannelView> {
    return this.channels.get(user, id);
  }

  @Roles('admin')
  @Put(':id/agents')
  setAgents(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SetChannelAgentsDto,
  ): Promise<ChannelView> {
    return this.channels.setAgents(user, id, body.agentIds);
  }
}
