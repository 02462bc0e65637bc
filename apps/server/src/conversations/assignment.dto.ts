import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TRANSFER_NOTE_MAX_CHARS } from '#contracts';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class AssignConversationDto {
  @ApiProperty()
  @IsUUID()
  assigneeId: string;
}

/** Exactly one of `assigneeId` and `departmentId` (checked by the service, with a readable message). */
export class TransferConversationDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({
    maxLength: TRANSFER_NOTE_MAX_CHARS,
    description: 'For the receiver; kept in the activity',
  })
  @IsOptional()
  @IsString()
  @MaxLength(TRANSFER_NOTE_MAX_CHARS)
  note?: string;
}

export class AddParticipantDto {
  @ApiProperty()
  @IsUUID()
  userId: string;
}
