import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Role } from '#contracts';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'agent@example.com' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class CreateDepartmentDto {
  @ApiProperty({ example: 'Support' })
  @IsString()
  @Length(1, 80)
  name: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'agent@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Li Na' })
  @IsString()
  @Length(1, 80)
  name: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @Length(8, 200)
  password: string;

  @ApiProperty({ enum: ['admin', 'supervisor', 'agent'] })
  @IsIn(['admin', 'supervisor', 'agent'])
  role: Role;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  departmentIds?: string[];
}
