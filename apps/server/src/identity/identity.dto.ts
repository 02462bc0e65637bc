import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { USER_LIMITS, type Presence, type Role } from '#contracts';
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

const NAME = USER_LIMITS.nameMaxChars;
const EMAIL = USER_LIMITS.emailMaxChars;
const PASSWORD = { min: USER_LIMITS.passwordMinChars, max: USER_LIMITS.passwordMaxChars };
const CAPACITY = USER_LIMITS.maxConcurrentChats;

export class LoginDto {
  @ApiProperty({ example: 'agent@example.com' })
  @IsString()
  @MaxLength(EMAIL)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class DepartmentNameDto {
  @ApiProperty({ example: 'Support' })
  @IsString()
  @Length(1, USER_LIMITS.departmentNameMaxChars)
  name: string;
}

export class DepartmentAssignmentDto {
  @ApiProperty({ description: 'Give waiting chats to online agents automatically (round robin)' })
  @IsBoolean()
  autoAssign: boolean;
}

export class CreateUserDto {
  @ApiProperty({ example: 'agent@example.com' })
  @IsEmail()
  @MaxLength(EMAIL)
  email: string;

  @ApiProperty({ example: 'Li Na' })
  @IsString()
  @Length(1, NAME)
  name: string;

  @ApiProperty({ minLength: PASSWORD.min, maxLength: PASSWORD.max })
  @IsString()
  @Length(PASSWORD.min, PASSWORD.max)
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

  @ApiPropertyOptional({ minimum: CAPACITY.min, maximum: CAPACITY.max, default: CAPACITY.default })
  @IsOptional()
  @IsInt()
  @Min(CAPACITY.min)
  @Max(CAPACITY.max)
  maxConcurrentChats?: number;
}

export class InviteUserDto {
  @ApiProperty({ example: 'new.agent@example.com' })
  @IsEmail()
  @MaxLength(EMAIL)
  email: string;

  @ApiProperty({ example: 'Zhang San' })
  @IsString()
  @Length(1, NAME)
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

  @ApiPropertyOptional({ minimum: CAPACITY.min, maximum: CAPACITY.max, default: CAPACITY.default })
  @IsOptional()
  @IsInt()
  @Min(CAPACITY.min)
  @Max(CAPACITY.max)
  maxConcurrentChats?: number;
}

export class AcceptInvitationDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  token: string;

  @ApiProperty({ minLength: PASSWORD.min, maxLength: PASSWORD.max })
  @IsString()
  @Length(PASSWORD.min, PASSWORD.max)
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, NAME)
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

  @ApiPropertyOptional({ minimum: CAPACITY.min, maximum: CAPACITY.max })
  @IsOptional()
  @IsInt()
  @Min(CAPACITY.min)
  @Max(CAPACITY.max)
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
