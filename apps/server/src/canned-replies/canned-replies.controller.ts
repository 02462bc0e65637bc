import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CannedReplyChoice, CannedReplyView } from '#contracts';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser } from '../identity/auth.decorators.js';
import { CreateCannedReplyDto, ListCannedRepliesDto, UpdateCannedReplyDto } from './canned-replies.dto.js';
import { CannedRepliesService } from './canned-replies.service.js';

/** Every role: personal replies are everyone's; department replies are checked per department. */
@ApiTags('canned replies')
@ApiBearerAuth()
@Controller('api/canned-replies')
export class CannedRepliesController {
  constructor(private readonly replies: CannedRepliesService) {}

  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListCannedRepliesDto,
  ): Promise<CannedReplyView[] | CannedReplyChoice[]> {
    return this.replies.list(user, query.conversationId);
  }

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() body: CreateCannedReplyDto): Promise<CannedReplyView> {
    return this.replies.create(user, body);
  }

  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCannedReplyDto,
  ): Promise<CannedReplyView> {
    return this.replies.update(user, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.replies.remove(user, id);
  }
}
