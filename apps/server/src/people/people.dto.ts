import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';

export class UpdatePersonDto {
  @ApiPropertyOptional({ nullable: true, maxLength: 80, description: 'null: use the platform’s name again' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(0, 80)
  displayName?: string | null;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

export class MergeContactDto {
  @ApiProperty({ description: 'The other contact: it and everyone linked to it become this person' })
  @IsUUID()
  contactId: string;
}
