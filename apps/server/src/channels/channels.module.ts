import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { AccessTokenRepository } from './access-token.repository.js';
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
import { OaMediaSource } from './wechat-oa/oa-media-source.js';
import { WechatOaAdapter } from './wechat-oa/wechat-oa.adapter.js';

@Module({
  imports: [IdentityModule, ConversationsModule],
  controllers: [ChannelsController, OaCallbackController, CallbackLogController],
  providers: [
    ChannelsRepository,
    ChannelsService,
    AccessTokenRepository,
    OaChannelDirectory,
    OaAccessTokens,
    OaCallbackService,
    OaCallbackBodyRefusals,
    OaMediaSource,
    WechatOaAdapter,
    CallbackLogRepository,
    CallbackRecorder,
    CallbackReplayers,
    CallbackLogService,
    CallbackLogRetention,
  ],
})
export class ChannelsModule {}
