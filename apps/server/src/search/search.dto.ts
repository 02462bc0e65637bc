import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

/** 'missed' comes with the conversation states of CV1; filtering on it before then finds nothing. */
export const SEARCH_STATUSES = ['open', 'waiting', 'active', 'missed', 'closed'] as const;

export class SearchDto {
  @ApiProperty({ example: '退货', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  q: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  channelId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ description: 'The conversation’s assignee' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ enum: SEARCH_STATUSES })
  @IsOptional()
  @IsIn(SEARCH_STATUSES)
  status?: (typeof SEARCH_STATUSES)[number];

  @ApiPropertyOptional({ description: 'ISO 8601; messages at or after it' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601; messages before it' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
