import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { AccessTokenRepository } from './access-token.repository.js';
import { ChannelHealthService } from './channel-health.service.js';
import { ChannelVerificationController } from './channel-verification.controller.js';
import { ChannelVerificationService } from './channel-verification.service.js';
import { ChannelsController } from './channels.controller.js';
import { ChannelsRepository } from './channels.repository.js';
import { ChannelsService } from './channels.service.js';
import { OaAccessTokens } from './wechat-oa/oa-access-tokens.js';
import { OaCallbackController } from './wechat-oa/oa-callback.controller.js';
import { OaCallbackService } from './wechat-oa/oa-callback.service.js';
import { OaChannelDirectory } from './wechat-oa/oa-channel-directory.js';
import { OaInstallationCheck } from './wechat-oa/oa-installation-check.js';
import { WechatOaAdapter } from './wechat-oa/wechat-oa.adapter.js';

@Module({
  imports: [IdentityModule, ConversationsModule],
  controllers: [ChannelsController, ChannelVerificationController, OaCallbackController],
  providers: [
    ChannelsRepository,
    ChannelsService,
    AccessTokenRepository,
    ChannelHealthService,
    ChannelVerificationService,
    OaInstallationCheck,
    OaChannelDirectory,
    OaAccessTokens,
    OaCallbackService,
    WechatOaAdapter,
  ],
})
export class ChannelsModule {}
