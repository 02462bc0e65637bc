import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import type { AttachmentKind } from '#contracts';

const ATTACHMENT_KINDS: AttachmentKind[] = ['image', 'voice', 'video', 'file'];

export class ListConversationsDto {
  @ApiPropertyOptional({ enum: ['open', 'waiting', 'active', 'missed', 'closed'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'waiting', 'active', 'missed', 'closed'])
  status?: 'open' | 'waiting' | 'active' | 'missed' | 'closed';

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  channelId?: string;
}

/** `{ type: 'text', text }`, or `{ type: 'image' | 'voice' | 'video' | 'file', mediaId }` of an upload. */
export class SendMessageDto {
  @ApiProperty({ enum: ['text', ...ATTACHMENT_KINDS] })
  @IsIn(['text', ...ATTACHMENT_KINDS])
  type: 'text' | AttachmentKind;

  @ApiPropertyOptional({ maxLength: 4000, description: 'For type text' })
  @ValidateIf((body: SendMessageDto) => body.type === 'text')
  @IsString()
  @MaxLength(4000)
  text?: string;

  @ApiPropertyOptional({ description: 'For files: the id from POST /api/conversations/:id/attachments' })
  @ValidateIf((body: SendMessageDto) => body.type !== 'text')
  @IsUUID()
  mediaId?: string;
}

export class UploadAttachmentDto {
  @ApiProperty({ enum: ATTACHMENT_KINDS, description: 'What to send the file as; its content must match' })
  @IsIn(ATTACHMENT_KINDS)
  kind: AttachmentKind;
}
