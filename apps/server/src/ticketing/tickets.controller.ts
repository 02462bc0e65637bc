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
import type {
  ConversationTicketView,
  TicketAssigneeView,
  TicketDetailView,
  TicketPage,
  TicketThreadView,
} from '#contracts';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser } from '../identity/auth.decorators.js';
import { TicketQueriesService } from './ticket-queries.service.js';
import {
  AssigneesQueryDto,
  CreateTicketDto,
  LinkConversationDto,
  ListTicketsDto,
  UpdateTicketDto,
} from './tickets.dto.js';
import { TicketsService } from './tickets.service.js';

/** Every route is for any signed-in user, within what they may see (admins: all; see TicketAccessService). */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('api/tickets')
export class TicketsController {
  constructor(
    private readonly queries: TicketQueriesService,
    private readonly tickets: TicketsService,
  ) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListTicketsDto): Promise<TicketPage> {
    return this.queries.list(user, query);
  }

  /** Converts a conversation the user may see into a new ticket (TK1). */
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() body: CreateTicketDto): Promise<TicketDetailView> {
    return this.tickets.createFromConversation(user, body);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<TicketDetailView> {
    return this.queries.detail(user, id);
  }

  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateTicketDto,
  ): Promise<TicketDetailView> {
    return this.tickets.update(user, id, body);
  }

  /** The messages of the ticket's conversations the user may see, conversation by conversation. */
  @Get(':id/thread')
  thread(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<TicketThreadView> {
    return this.queries.thread(user, id);
  }

  /** Who the ticket may be assigned to, in its department or in the one it is about to move to. */
  @Get(':id/assignees')
  assignees(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: AssigneesQueryDto,
  ): Promise<TicketAssigneeView[]> {
    return this.queries.assignees(user, id, query.departmentId);
  }

  @Post(':id/conversations')
  @HttpCode(200)
  link(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: LinkConversationDto,
  ): Promise<TicketDetailView> {
    return this.tickets.link(user, id, body.conversationId);
  }

  @Delete(':id/conversations/:conversationId')
  unlink(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('conversationId', ParseUUIDPipe) conversationId: string,
  ): Promise<TicketDetailView> {
    return this.tickets.unlink(user, id, conversationId);
  }
}

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('api/conversations')
export class ConversationTicketController {
  constructor(private readonly queries: TicketQueriesService) {}

  /** The ticket the conversation is on now, or `{ ticket: null }`. */
  @Get(':id/ticket')
  ticket(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ConversationTicketView> {
    return this.queries.ofConversation(user, id);
  }
}
