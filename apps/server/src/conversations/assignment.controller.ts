import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ConversationTeamView, ConversationView } from '#contracts';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser, Roles } from '../identity/auth.decorators.js';
import { AddParticipantDto, AssignConversationDto, TransferConversationDto } from './assignment.dto.js';
import { AssignmentService } from './assignment.service.js';

/** Who handles a conversation (CV3). Each answers with the conversation as it is now. */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class AssignmentController {
  constructor(private readonly assignment: AssignmentService) {}

  @ApiOperation({ summary: 'Take a waiting or missed chat (409 conversation_taken if someone was first)' })
  @Post(':id/pick')
  @HttpCode(200)
  pick(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ConversationView> {
    return this.assignment.pick(user, id);
  }

  @Roles('admin', 'supervisor')
  @Post(':id/assign')
  @HttpCode(200)
  assign(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AssignConversationDto,
  ): Promise<ConversationView> {
    return this.assignment.assign(user, id, body.assigneeId);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  transfer(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TransferConversationDto,
  ): Promise<ConversationView> {
    return this.assignment.transfer(user, id, body);
  }

  @Post(':id/participants')
  @HttpCode(200)
  addParticipant(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AddParticipantDto,
  ): Promise<ConversationView> {
    return this.assignment.addParticipant(user, id, body.userId);
  }

  @Post(':id/close')
  @HttpCode(200)
  close(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ConversationView> {
    return this.assignment.close(user, id);
  }

  @Get(':id/team')
  team(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ConversationTeamView> {
    return this.assignment.team(user, id);
  }
}
