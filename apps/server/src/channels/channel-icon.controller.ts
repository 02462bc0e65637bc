import {
  Controller,
  Delete,
  Get,
  Header,
  Param,
  ParseUUIDPipe,
  Put,
  Req,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { ChannelView } from '#contracts';
import type { FastifyRequest } from 'fastify';
import { readUploadedFile } from '../common/multipart-upload.js';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser, Roles } from '../identity/auth.decorators.js';
import { ChannelIconsService, ICON_UPLOAD } from './channel-icons.service.js';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/channels/:id/icon')
export class ChannelIconController {
  constructor(private readonly icons: ChannelIconsService) {}

  /** For users who may see the channel; the URL in ChannelView changes with the icon, so it may be cached. */
  @Get()
  @Header('cache-control', 'private, max-age=86400')
  @Header('x-content-type-options', 'nosniff')
  async read(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const icon = await this.icons.read(user, id);
    return new StreamableFile(icon.data, { type: icon.contentType, length: icon.data.length });
  }

  /** multipart/form-data with the file in the field `icon`: JPG or PNG by content, at most 1 MB (CH4). */
  @Roles('admin')
  @Put()
  @ApiConsumes('multipart/form-data')
  async replace(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<ChannelView> {
    return this.icons.replace(id, await readUploadedFile(request, ICON_UPLOAD));
  }

  @Roles('admin')
  @Delete()
  remove(@Param('id', ParseUUIDPipe) id: string): Promise<ChannelView> {
    return this.icons.remove(id);
  }
}
