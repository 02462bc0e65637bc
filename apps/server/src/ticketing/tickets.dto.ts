import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  TICKET_PRIORITIES,
  TICKET_REASON_MAX,
  TICKET_STATUSES,
  type ListTicketsQuery,
  type TicketPriority,
  type TicketStatus,
} from '#contracts';

const STATUS_FILTERS = [...TICKET_STATUSES, 'unresolved'];
const ASSIGNEE_FILTER = /^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
/** Generous: the rules check the subject's real length after spaces are tidied. */
const SUBJECT_INPUT_MAX = 1000;

export class ListTicketsDto implements ListTicketsQuery {
  @ApiPropertyOptional({ enum: STATUS_FILTERS, description: '`unresolved`: open or on hold. Absent: any.' })
  @IsOptional()
  @IsIn(STATUS_FILTERS)
  status?: TicketStatus | 'unresolved';

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ description: '`me`, `none` (unassigned) or a user id' })
  @IsOptional()
  @Matches(ASSIGNEE_FILTER, { message: 'assignee must be me, none or a user id' })
  assignee?: string;

  @ApiPropertyOptional({ description: 'A contact id' })
  @IsOptional()
  @IsUUID()
  requesterId?: string;

  @ApiPropertyOptional({ description: 'Words of the subject, or a ticket number (1042 or #1042)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class CreateTicketDto {
  @ApiProperty({ description: 'The conversation that becomes the ticket' })
  @IsUUID()
  conversationId: string;

  @ApiPropertyOptional({ description: "Default: the customer's first message" })
  @IsOptional()
  @IsString()
  @MaxLength(SUBJECT_INPUT_MAX)
  subject?: string;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, default: 'normal' })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;
}

export class LinkConversationDto {
  @ApiProperty()
  @IsUUID()
  conversationId: string;
}

export class UpdateTicketDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(SUBJECT_INPUT_MAX)
  subject?: string;

  @ApiPropertyOptional({ enum: TICKET_STATUSES })
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ description: 'A ticket always has a department once it has one' })
  @ValidateIf((body: UpdateTicketDto) => body.departmentId !== undefined)
  @IsUUID(undefined, { message: 'departmentId must be a department id' })
  departmentId?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null unassigns' })
  @ValidateIf((body: UpdateTicketDto) => body.assigneeId !== undefined && body.assigneeId !== null)
  @IsUUID(undefined, { message: 'assigneeId must be a user id or null' })
  assigneeId?: string | null;

  @ApiPropertyOptional({
    maxLength: TICKET_REASON_MAX,
    description: 'Written to the history with the change',
  })
  @IsOptional()
  @IsString()
  @MaxLength(TICKET_REASON_MAX)
  reason?: string;
}

export class AssigneesQueryDto {
  @ApiPropertyOptional({ description: "Default: the ticket's department" })
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}
