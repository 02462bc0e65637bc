import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  PREFERENCE_LIMITS as L,
  TICKET_TIMER_MODES,
  type BusinessHours,
  type BusinessHoursException,
  type ChannelOverrides,
  type DepartmentSettings,
  type IdleCloseSetting,
  type LeaveMessageSetting,
  type MissedCloseSetting,
  type TicketTimer,
  type TicketTimerMode,
  type TimeRange,
  type UpdateChannelPreferencesRequest,
} from '#contracts';

/**
 * The shapes and ranges of the settings; what compares one field with another (the warning before the close,
 * ranges that overlap, a real time zone) is in preference-rules.ts.
 */

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class TicketTimerDto {
  @ApiProperty({ enum: TICKET_TIMER_MODES })
  @IsIn(TICKET_TIMER_MODES)
  mode: TicketTimerMode;

  @ApiPropertyOptional({ minimum: L.ticketTimerMinutes.min, maximum: L.ticketTimerMinutes.max })
  @ValidateIf((timer: TicketTimerDto) => timer.mode === 'after' || timer.minutes !== undefined)
  @IsInt({ message: 'ticketTimer.minutes must be a whole number of minutes (needed when mode is after)' })
  @Min(L.ticketTimerMinutes.min)
  @Max(L.ticketTimerMinutes.max, { message: 'ticketTimer.minutes can be at most one year' })
  minutes?: number;
}

export class MissedCloseDto implements MissedCloseSetting {
  @ApiProperty()
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({ minimum: L.missedCloseMinutes.min, maximum: L.missedCloseMinutes.max })
  @IsInt()
  @Min(L.missedCloseMinutes.min, {
    message: 'A missed chat closes 15 minutes after it was missed at the earliest',
  })
  @Max(L.missedCloseMinutes.max, {
    message: 'A missed chat closes one month (31 days) after it was missed at the latest',
  })
  afterMinutes: number;
}

export class IdleCloseDto implements IdleCloseSetting {
  @ApiProperty()
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({ minimum: L.idleCloseMinutes.min, maximum: L.idleCloseMinutes.max })
  @IsInt()
  @Min(L.idleCloseMinutes.min)
  @Max(L.idleCloseMinutes.max, { message: 'An idle chat closes after 24 hours at the latest' })
  afterMinutes: number;

  @ApiProperty({ minimum: 0, description: '0: no warning' })
  @IsInt()
  @Min(0)
  warnBeforeMinutes: number;

  @ApiProperty({ nullable: true, maxLength: L.closingMessageChars })
  @ValidateIf((idle: IdleCloseDto) => idle.closingMessage !== null)
  @IsString()
  @MaxLength(L.closingMessageChars)
  closingMessage: string | null;
}

export class LeaveMessageDto implements LeaveMessageSetting {
  @ApiProperty()
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({ maxLength: L.leaveMessageChars })
  @IsString()
  @MaxLength(L.leaveMessageChars)
  reply: string;
}

export class TimeRangeDto implements TimeRange {
  @ApiProperty({ example: '09:00' })
  @Matches(TIME, { message: 'from must be a time HH:MM' })
  from: string;

  @ApiProperty({ example: '18:00' })
  @Matches(TIME, { message: 'to must be a time HH:MM (24:00 for midnight)' })
  to: string;
}

export class BusinessHoursExceptionDto implements BusinessHoursException {
  @ApiProperty({ example: '2026-12-25' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date: string;

  @ApiProperty({ type: [TimeRangeDto], description: 'Empty: closed all day' })
  @IsArray()
  @ArrayMaxSize(L.rangesPerDay)
  @ValidateNested({ each: true })
  @Type(() => TimeRangeDto)
  hours: TimeRangeDto[];

  @ApiProperty({ nullable: true })
  @ValidateIf((exception: BusinessHoursExceptionDto) => exception.note !== null)
  @IsString()
  @MaxLength(200)
  note: string | null;
}

export class BusinessHoursDto implements BusinessHours {
  @ApiProperty({ example: 'Asia/Shanghai' })
  @IsString()
  @MaxLength(64)
  timeZone: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { $ref: '#/components/schemas/TimeRangeDto' } },
    description: 'Seven days, Sunday first; each a list of ranges (empty: closed). Checked by the rules.',
  })
  @IsArray()
  @ArrayMinSize(7, { message: 'weekly needs seven days, Sunday first' })
  @ArrayMaxSize(7, { message: 'weekly needs seven days, Sunday first' })
  @IsArray({ each: true, message: 'each day of weekly must be a list of time ranges' })
  weekly: TimeRange[][];

  @ApiProperty({ type: [BusinessHoursExceptionDto] })
  @IsArray()
  @ArrayMaxSize(L.exceptions)
  @ValidateNested({ each: true })
  @Type(() => BusinessHoursExceptionDto)
  exceptions: BusinessHoursExceptionDto[];
}

export class ChannelSettingsFields {
  @ApiPropertyOptional()
  @IsBoolean()
  autoTicket: boolean;

  @ApiPropertyOptional({ type: TicketTimerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TicketTimerDto)
  ticketTimer: TicketTimer;

  @ApiPropertyOptional({ minimum: L.missedAfterMinutes.min, maximum: L.missedAfterMinutes.max })
  @IsInt()
  @Min(L.missedAfterMinutes.min)
  @Max(L.missedAfterMinutes.max, {
    message: 'A chat counts as missed after 24 hours of waiting at the latest',
  })
  missedAfterMinutes: number;

  @ApiPropertyOptional({ type: MissedCloseDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MissedCloseDto)
  missedClose: MissedCloseDto;

  @ApiPropertyOptional({ type: IdleCloseDto })
  @IsObject()
  @ValidateNested()
  @Type(() => IdleCloseDto)
  idleClose: IdleCloseDto;

  @ApiPropertyOptional({ type: LeaveMessageDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LeaveMessageDto)
  leaveMessage: LeaveMessageDto;

  @ApiPropertyOptional({ nullable: true, minimum: L.queueLimit.min, maximum: L.queueLimit.max })
  @ValidateIf((settings: ChannelSettingsFields) => settings.queueLimit !== null)
  @IsInt()
  @Min(L.queueLimit.min)
  @Max(L.queueLimit.max)
  queueLimit: number | null;
}

/** A department's settings: every field, as the console's form sends them. */
export class DepartmentSettingsDto extends ChannelSettingsFields implements DepartmentSettings {
  @ApiProperty({ type: BusinessHoursDto, nullable: true, description: 'null: open around the clock' })
  @ValidateIf((settings: DepartmentSettingsDto) => settings.businessHours !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => BusinessHoursDto)
  businessHours: BusinessHoursDto | null;
}

/** A channel's overrides: any subset of the channel settings; what is left out follows the department. */
export class ChannelOverridesDto extends PartialType(ChannelSettingsFields) implements ChannelOverrides {}

export class UpdateChannelPreferencesDto implements UpdateChannelPreferencesRequest {
  @ApiProperty({ type: ChannelOverridesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ChannelOverridesDto)
  overrides: ChannelOverridesDto;
}
