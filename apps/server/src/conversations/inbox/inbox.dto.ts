import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min, MaxLength } from 'class-validator';
import { INBOX_SORTS, INBOX_VIEWS, type InboxSort, type InboxViewName } from '#contracts';

export class InboxCountsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  channelId?: string;

  @ApiPropertyOptional({ description: 'The conversation’s department' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}

export class InboxDto extends InboxCountsDto {
  @ApiPropertyOptional({ enum: INBOX_VIEWS, default: 'open' })
  @IsOptional()
  @IsIn(INBOX_VIEWS)
  view: InboxViewName = 'open';

  @ApiPropertyOptional({
    enum: INBOX_SORTS,
    description: 'Default: waiting for waiting and missed, else latest',
  })
  @IsOptional()
  @IsIn(INBOX_SORTS)
  sort?: InboxSort;

  @ApiPropertyOptional()
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
