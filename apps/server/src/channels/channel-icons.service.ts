import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CHANNEL_LIMITS, type ChannelView } from '#contracts';
import { fileTypeFromBuffer } from 'file-type';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import type { UploadedFile } from '../common/multipart-upload.js';
import { AccessScopeService } from '../identity/access-scope.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import { ChannelIconsRepository } from './channel-icons.repository.js';
import { ChannelsService } from './channels.service.js';
import type { ChannelIconEntity } from './entities/channel-icon.entity.js';

const ACCEPTED = new Set(['image/jpeg', 'image/png']);

/** Upload limits of the icon route (CH4); the multipart reader stops reading past `maxBytes`. */
export const ICON_UPLOAD = { field: 'icon', maxBytes: CHANNEL_LIMITS.iconMaxBytes, what: 'The icon' };

/** Channel icons: JPG or PNG by their bytes, whatever the file is called (CH4); shown to whoever sees the channel. */
@Injectable()
export class ChannelIconsService {
  constructor(
    private readonly icons: ChannelIconsRepository,
    private readonly channels: ChannelsService,
    private readonly access: AccessScopeService,
  ) {}

  async replace(channelId: string, file: UploadedFile): Promise<ChannelView> {
    await this.channels.liveRecord(channelId);
    if (file.data.length > ICON_UPLOAD.maxBytes) {
      throw new DomainError(ErrorCode.PayloadTooLarge, 'The icon is too large: at most 1 MB is allowed');
    }
    const detected = await fileTypeFromBuffer(file.data);
    if (!detected || !ACCEPTED.has(detected.mime)) {
      const what = detected ? `a ${detected.ext.toUpperCase()} file` : 'not an image we recognise';
      throw new DomainError(
        ErrorCode.UnsupportedMediaType,
        `The icon must be a JPG or PNG image; “${file.filename}” is ${what} (checked by its content, not its name)`,
      );
    }
    await this.icons.put({
      channelId,
      contentType: detected.mime as ChannelIconEntity['contentType'],
      data: file.data,
      sha256: createHash('sha256').update(file.data).digest('hex'),
    });
    return this.channels.viewOf(await this.channels.liveRecord(channelId));
  }

  async remove(channelId: string): Promise<ChannelView> {
    await this.channels.liveRecord(channelId);
    await this.icons.remove(channelId);
    return this.channels.viewOf(await this.channels.liveRecord(channelId));
  }

  /** Deleted channels' icons stay readable: their conversations are still shown under them. */
  async read(user: AuthUser, channelId: string): Promise<ChannelIconEntity> {
    if (!(await this.access.canSeeChannel(user, channelId))) throw notFound('Icon');
    const icon = await this.icons.find(channelId);
    if (!icon) throw notFound('Icon');
    return icon;
  }
}
