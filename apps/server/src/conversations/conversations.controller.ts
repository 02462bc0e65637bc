import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ConversationView, MessageView } from '#contracts';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser } from '../identity/auth.decorators.js';
import { ListConversationsDto, SendMessageDto } from './conversations.dto.js';
import { ConversationsService } from './conversations.service.js';
import { SendMessageService } from './send-message.service.js';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly sender: SendMessageService,
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

  @Post(':id/messages')
  send(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SendMessageDto,
  ): Promise<MessageView> {
    return this.sender.sendText(user, id, body.text);
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
