import { Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { MediaAccessTicket, MediaView } from '#contracts';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser, Public } from '../identity/auth.decorators.js';
import { MediaDeliveryService } from './media-delivery.service.js';

@ApiTags('media')
@ApiBearerAuth()
@Controller('api/media')
export class MediaController {
  constructor(private readonly delivery: MediaDeliveryService) {}

  @ApiOperation({ summary: 'A ticket for loading media with plain URLs (<img>, <audio>, <video>)' })
  @Post('tickets')
  ticket(@CurrentUser() user: AuthUser): MediaAccessTicket {
    return this.delivery.issueTicket(user);
  }

  @Get(':id')
  describe(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<MediaView> {
    return this.delivery.describe(user, id);
  }

  /** Bearer header or `?access=<ticket>`: checked in the service, hence @Public. */
  @ApiOperation({ summary: 'The bytes of a media file (Range requests supported)' })
  @ApiQuery({ name: 'access', required: false, description: 'A ticket from POST /api/media/tickets' })
  @Public()
  @Get(':id/content')
  async content(
    @Param('id', ParseUUIDPipe) id: string,
    @Query('access') ticket: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Headers('range') range: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.delivery.content(id, { authorization, ticket }, range);
    await reply
      .status(file.status)
      .headers(file.headers)
      .send(file.stream ?? '');
  }
}
