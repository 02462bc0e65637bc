import { Injectable } from '@nestjs/common';
import type { ChannelStatus, ChannelView } from '#contracts';
import { notFound } from '../common/domain-error.js';
import { ChannelsRepository } from './channels.repository.js';
import { ChannelsService } from './channels.service.js';
import { OaChannelDirectory } from './wechat-oa/oa-channel-directory.js';

/**
 * Deactivate, reactivate, delete (CH2). Nothing here touches conversations: a deactivated channel keeps them as
 * they are and takes up again where it stopped; a deleted one keeps them read-only, under its name.
 */
@Injectable()
export class ChannelLifecycleService {
  constructor(
    private readonly channels: ChannelsRepository,
    private readonly reader: ChannelsService,
    private readonly directory: OaChannelDirectory,
  ) {}

  /** Stops receiving (callbacks are refused) and sending (replies are refused, queued ones fail). */
  deactivate(id: string): Promise<ChannelView> {
    return this.setStatus(id, 'inactive');
  }

  reactivate(id: string): Promise<ChannelView> {
    return this.setStatus(id, 'active');
  }

  async delete(id: string): Promise<void> {
    if (!(await this.channels.softDelete(id))) throw notFound('Channel');
    this.directory.forget(id);
  }

  private async setStatus(id: string, status: ChannelStatus): Promise<ChannelView> {
    if (!(await this.channels.setStatus(id, status))) throw notFound('Channel');
    this.directory.forget(id);
    return this.reader.viewOf(await this.reader.liveRecord(id));
  }
}
