import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CannedReplyScope } from '#contracts';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';

export class ListCannedRepliesDto {
  @ApiPropertyOptional({
    description: 'Only what may be used in this conversation, with placeholders filled',
  })
  @IsOptional()
  @IsUUID()
  conversationId?: string;
}

export class CreateCannedReplyDto {
  @ApiProperty({ enum: ['department', 'personal'] })
  @IsIn(['department', 'personal'])
  scope: CannedReplyScope;

  @ApiPropertyOptional({ description: 'Required for a department reply' })
  @ValidateIf((body: CreateCannedReplyDto) => body.scope === 'department' || body.departmentId !== undefined)
  @IsUUID()
  departmentId?: string;

  @ApiProperty({ example: 'Greeting', maxLength: 80 })
  @IsString()
  @Length(1, 80)
  title: string;

  @ApiProperty({ example: '您好，{{contact.name}}！我是{{agent.name}}，很高兴为您服务。', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  body: string;
}

export class UpdateCannedReplyDto {
  @ApiPropertyOptional({ maxLength: 80 })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  title?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  body?: string;
}
