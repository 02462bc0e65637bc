import { Injectable } from '@nestjs/common';
import type { ChannelVerification } from '#contracts';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { ChannelsRepository } from './channels.repository.js';
import { OaChannelDirectory } from './wechat-oa/oa-channel-directory.js';
import { OaInstallationCheck } from './wechat-oa/oa-installation-check.js';

/** "Verify installation": asks the platform whether the channel's setup works, and records the answer. */
@Injectable()
export class ChannelVerificationService {
  constructor(
    private readonly channels: ChannelsRepository,
    private readonly directory: OaChannelDirectory,
    private readonly oa: OaInstallationCheck,
  ) {}

  async verify(channelId: string): Promise<ChannelVerification> {
    const channel = await this.channels.findChannel(channelId);
    if (!channel) throw notFound('Channel');
    if (channel.deletedAt) {
      throw new DomainError(ErrorCode.ChannelDeleted, 'This channel was deleted: there is nothing to verify');
    }
    switch (channel.kind) {
      case 'wechat-oa': {
        // Fresh from the database: the admin may have just pasted a new secret.
        this.directory.forget(channelId);
        const oaChannel = await this.directory.find(channelId);
        if (!oaChannel) throw notFound('Channel');
        return this.oa.verify(oaChannel);
      }
      case 'wecom-kf':
        throw new DomainError(ErrorCode.ValidationFailed, 'Verifying WeCom channels is not available yet');
    }
  }
}
