import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class ListConversationsDto {
  @ApiPropertyOptional({ enum: ['open', 'waiting', 'active', 'closed'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'waiting', 'active', 'closed'])
  status?: 'open' | 'waiting' | 'active' | 'closed';

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  channelId?: string;
}

export class SendMessageDto {
  @ApiProperty({ enum: ['text'] })
  @IsIn(['text'])
  type: 'text';

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @MaxLength(4000)
  text: string;
}
