import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Presence, Role } from '#contracts';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
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

export class DepartmentNameDto {
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

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxConcurrentChats?: number;
}

export class InviteUserDto {
  @ApiProperty({ example: 'new.agent@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Zhang San' })
  @IsString()
  @Length(1, 80)
  name: string;

  @ApiProperty({ enum: ['admin', 'supervisor', 'agent'] })
  @IsIn(['admin', 'supervisor', 'agent'])
  role: Role;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  departmentIds?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxConcurrentChats?: number;
}

export class AcceptInvitationDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  token: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @Length(8, 200)
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 80)
  name?: string;

  @ApiPropertyOptional({ enum: ['admin', 'supervisor', 'agent'] })
  @IsOptional()
  @IsIn(['admin', 'supervisor', 'agent'])
  role?: Role;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  departmentIds?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxConcurrentChats?: number;

  @ApiPropertyOptional({
    description: 'false deactivates: the user is signed out everywhere and cannot sign in',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class SetPresenceDto {
  @ApiProperty({ enum: ['online', 'away', 'offline'] })
  @IsIn(['online', 'away', 'offline'])
  presence: Presence;
}
