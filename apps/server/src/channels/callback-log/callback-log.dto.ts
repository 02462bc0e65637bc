import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { CallbackLogQuery, CallbackResult, CallbackVerdict } from '#contracts';

export class CallbackLogQueryDto implements CallbackLogQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  channelId?: string;

  @ApiPropertyOptional({ enum: ['stored', 'refused', 'failed'] })
  @IsOptional()
  @IsIn(['stored', 'refused', 'failed'])
  result?: CallbackResult;

  @ApiPropertyOptional({ enum: ['new', 'duplicate'] })
  @IsOptional()
  @IsIn(['new', 'duplicate'])
  verdict?: CallbackVerdict;

  @ApiPropertyOptional({ description: 'The platform message type: text, image, voice, event…' })
  @IsOptional()
  @MaxLength(40)
  @Matches(/^[A-Za-z0-9_]+$/, { message: 'type must be a message type such as text, image or event' })
  type?: string;

  @ApiPropertyOptional({ description: 'ISO 8601, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'before must be a nextCursor from a previous page' })
  before?: string;
}
