import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ConversationActivityView, ConversationView, MessageView, UploadedAttachment } from '#contracts';
import type { FastifyRequest } from 'fastify';
import { openUploadedFile } from '../common/multipart-upload.js';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser } from '../identity/auth.decorators.js';
import { AttachmentUploadService } from './attachment-upload.service.js';
import { ListConversationsDto, SendMessageDto, UploadAttachmentDto } from './conversations.dto.js';
import { ConversationsService } from './conversations.service.js';
import { SendMessageService } from './send-message.service.js';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly sender: SendMessageService,
    private readonly attachments: AttachmentUploadService,
  ) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListConversationsDto): Promise<ConversationView[]> {
    return this.conversations.list(user, query);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ConversationView> {
    return this.conversations.get(user, id);
  }

  @Get(':id/messages')
  messages(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<MessageView[]> {
    return this.conversations.messages(user, id);
  }

  @Get(':id/activity')
  activity(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ConversationActivityView[]> {
    return this.conversations.activity(user, id);
  }

  @Post(':id/messages')
  send(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SendMessageDto,
  ): Promise<MessageView> {
    return body.type === 'text'
      ? this.sender.sendText(user, id, body.text ?? '')
      : this.sender.sendAttachment(user, id, body.type, body.mediaId!);
  }

  /**
   * multipart/form-data, the file in the field `file`: checked by its content against the channel's
   * `attachmentRules` for `kind`, stored, and then sent with `POST …/messages { type: kind, mediaId }`.
   */
  @ApiOperation({ summary: 'Upload a file to send in this conversation' })
  @ApiConsumes('multipart/form-data')
  @Post(':id/attachments')
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: UploadAttachmentDto,
    @Req() request: FastifyRequest,
  ): Promise<UploadedAttachment> {
    return this.attachments.upload(user, id, query.kind, (limits) => openUploadedFile(request, limits));
  }

  /** Sends a failed or unconfirmed message again (CV6); refused like a new message when the window is locked. */
  @Post(':id/messages/:messageId/retry')
  @HttpCode(200)
  retry(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('messageId', ParseUUIDPipe) messageId: string,
  ): Promise<MessageView> {
    return this.sender.retry(user, id, messageId);
  }
}
