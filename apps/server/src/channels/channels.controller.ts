import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChannelSetupInfo, ChannelView, GeneratedCallbackSecrets } from '#contracts';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser, Roles } from '../identity/auth.decorators.js';
import { ChannelLifecycleService } from './channel-lifecycle.service.js';
import { ChannelSetupService } from './channel-setup.service.js';
import {
  CreateChannelDto,
  SetChannelAgentsDto,
  SetFollowReplyDto,
  UpdateChannelDto,
} from './channels.dto.js';
import { ChannelsService } from './channels.service.js';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/channels')
export class ChannelsController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly lifecycle: ChannelLifecycleService,
    private readonly setup: ChannelSetupService,
  ) {}

  @Roles('admin')
  @Post()
  create(@Body() body: CreateChannelDto): Promise<ChannelView> {
    return this.channels.create(body);
  }

  /** Channels the user may see, deleted ones left out. */
  @Get()
  list(@CurrentUser() user: AuthUser): Promise<ChannelView[]> {
    return this.channels.list(user);
  }

  /** The egress IPs to whitelist on WeChat and whether WeChat can reach this server's callback URLs. */
  @Roles('admin')
  @Get('wechat-oa/setup-info')
  setupInfo(): ChannelSetupInfo {
    return this.setup.setupInfo();
  }

  /** A fresh Token and EncodingAESKey for WeChat's server-config page; not stored until saved on a channel. */
  @Roles('admin')
  @Post('wechat-oa/generated-secrets')
  @HttpCode(200)
  generateSecrets(): GeneratedCallbackSecrets {
    return this.setup.generateSecrets();
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ChannelView> {
    return this.channels.get(user, id);
  }

  /** Omitted fields stay as they are; a secret that is sent replaces the stored one. */
  @Roles('admin')
  @Patch(':id')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateChannelDto): Promise<ChannelView> {
    return this.channels.update(id, body);
  }

  /** Soft delete: the channel stops, leaves the lists, and its conversations stay, read-only. */
  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  delete(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.lifecycle.delete(id);
  }

  @Roles('admin')
  @Post(':id/deactivate')
  @HttpCode(200)
  deactivate(@Param('id', ParseUUIDPipe) id: string): Promise<ChannelView> {
    return this.lifecycle.deactivate(id);
  }

  @Roles('admin')
  @Post(':id/reactivate')
  @HttpCode(200)
  reactivate(@Param('id', ParseUUIDPipe) id: string): Promise<ChannelView> {
    return this.lifecycle.reactivate(id);
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

  /** The passive reply a new follower gets (OA9). */
  @Roles('admin')
  @Put(':id/follow-reply')
  setFollowReply(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SetFollowReplyDto,
  ): Promise<ChannelView> {
    return this.channels.setFollowReply(id, body);
  }
}
