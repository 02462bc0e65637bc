import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { AccessTokenRepository } from './access-token.repository.js';
import { ChannelHealthService } from './channel-health.service.js';
import { ChannelVerificationController } from './channel-verification.controller.js';
import { ChannelVerificationService } from './channel-verification.service.js';
import { ChannelChangeFeed } from './channel-change-feed.js';
import { ChannelIconController } from './channel-icon.controller.js';
import { ChannelIconsRepository } from './channel-icons.repository.js';
import { ChannelIconsService } from './channel-icons.service.js';
import { ChannelLifecycleService } from './channel-lifecycle.service.js';
import { ChannelSetupService } from './channel-setup.service.js';
import { ChannelViews } from './channel-views.js';
import { CallbackLogRetention } from './callback-log/callback-log-retention.service.js';
import { CallbackLogController } from './callback-log/callback-log.controller.js';
import { CallbackLogRepository } from './callback-log/callback-log.repository.js';
import { CallbackLogService } from './callback-log/callback-log.service.js';
import { CallbackRecorder } from './callback-log/callback-recorder.js';
import { CallbackReplayers } from './callback-log/callback-replayers.js';
import { ChannelsController } from './channels.controller.js';
import { ChannelsRepository } from './channels.repository.js';
import { ChannelsService } from './channels.service.js';
import { OaAccessTokens } from './wechat-oa/oa-access-tokens.js';
import { OaCallbackBodyRefusals } from './wechat-oa/oa-callback-body-refusals.js';
import { OaCallbackController } from './wechat-oa/oa-callback.controller.js';
import { OaCallbackService } from './wechat-oa/oa-callback.service.js';
import { OaChannelDirectory } from './wechat-oa/oa-channel-directory.js';
import { OaInstallationCheck } from './wechat-oa/oa-installation-check.js';
import { OaMenuController } from './wechat-oa/oa-menu.controller.js';
import { OaMenuService } from './wechat-oa/oa-menu.service.js';
import { OaMediaSource } from './wechat-oa/oa-media-source.js';
import { OaOutboundMedia } from './wechat-oa/oa-outbound-media.js';
import { WechatOaAdapter } from './wechat-oa/wechat-oa.adapter.js';

@Module({
  imports: [IdentityModule, ConversationsModule],
  controllers: [
    ChannelsController,
    ChannelVerificationController,
    ChannelIconController,
    OaMenuController,
    OaCallbackController,
    CallbackLogController,
  ],
  providers: [
    ChannelsRepository,
    ChannelIconsRepository,
    ChannelsService,
    ChannelViews,
    ChannelLifecycleService,
    ChannelIconsService,
    ChannelSetupService,
    ChannelChangeFeed,
    AccessTokenRepository,
    ChannelHealthService,
    ChannelVerificationService,
    OaInstallationCheck,
    OaChannelDirectory,
    OaAccessTokens,
    OaMenuService,
    OaCallbackService,
    OaCallbackBodyRefusals,
    OaMediaSource,
    OaOutboundMedia,
    WechatOaAdapter,
    CallbackLogRepository,
    CallbackRecorder,
    CallbackReplayers,
    CallbackLogService,
    CallbackLogRetention,
  ],
})
export class ChannelsModule {}
