import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHANNEL_LIMITS, type ChannelMenuButton, type EncryptionMode, type OaTokenMode } from '#contracts';

const APP_ID = /^wx[0-9a-zA-Z]{14,30}$/;
const APP_SECRET = /^[0-9a-zA-Z]{16,64}$/;
const TOKEN = /^[0-9a-zA-Z]{3,32}$/;
const AES_KEY = /^[0-9a-zA-Z]{43}$/;
const ORIGINAL_ID = /^gh_[0-9a-zA-Z]{6,30}$/;
const TALK_TO_AGENT_KEY = /^[0-9a-zA-Z_:-]{1,64}$/;
const NOT_BLANK = /\S/;
const { min: MIN_MESSAGES, max: MAX_MESSAGES } = CHANNEL_LIMITS.messagesPerCustomerMessage;

const messages = {
  appId: 'appId must look like wx followed by 16 letters or digits (Development › Basic configuration)',
  appSecret: 'appSecret must be the 32-character AppSecret from the OA admin (16–64 letters or digits)',
  token: 'token must be 3 to 32 letters or digits',
  encodingAesKey: 'encodingAesKey must be exactly 43 letters or digits',
  originalId: 'originalId must look like gh_ followed by letters or digits (Settings › Account info)',
  messagesPerCustomerMessage: `messagesPerCustomerMessage must be a whole number from ${MIN_MESSAGES} to ${MAX_MESSAGES}`,
  talkToAgentKey: 'talkToAgentKey must be 1 to 64 letters, digits, _, - or :',
  name: 'name must not be blank',
};

const ENCRYPTION_MODES: EncryptionMode[] = ['plaintext', 'compatible', 'safe'];
const TOKEN_MODES: OaTokenMode[] = ['token', 'stable'];

export class WechatOaConfigDto {
  @ApiProperty({ example: 'wx1234567890abcdef' })
  @Matches(APP_ID, { message: messages.appId })
  appId: string;

  @ApiProperty({ writeOnly: true })
  @Matches(APP_SECRET, { message: messages.appSecret })
  appSecret: string;

  @ApiProperty({
    writeOnly: true,
    description: '3–32 letters or digits, the same as on WeChat’s server-config page',
  })
  @Matches(TOKEN, { message: messages.token })
  token: string;

  @ApiPropertyOptional({
    writeOnly: true,
    description: '43 letters or digits; required for compatible and safe modes',
  })
  @IsOptional()
  @Matches(AES_KEY, { message: messages.encodingAesKey })
  encodingAesKey?: string;

  @ApiProperty({ example: 'gh_1234567890ab' })
  @Matches(ORIGINAL_ID, { message: messages.originalId })
  originalId: string;

  @ApiProperty({ enum: ENCRYPTION_MODES })
  @IsIn(ENCRYPTION_MODES)
  encryptionMode: EncryptionMode;

  @ApiPropertyOptional({ minimum: MIN_MESSAGES, maximum: MAX_MESSAGES, default: 5 })
  @IsOptional()
  @IsInt({ message: messages.messagesPerCustomerMessage })
  @Min(MIN_MESSAGES, { message: messages.messagesPerCustomerMessage })
  @Max(MAX_MESSAGES, { message: messages.messagesPerCustomerMessage })
  messagesPerCustomerMessage?: number;

  @ApiPropertyOptional({ enum: TOKEN_MODES, default: 'token' })
  @IsOptional()
  @IsIn(TOKEN_MODES)
  tokenMode?: OaTokenMode;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  outsideMainlandChina?: boolean;
}

export class CreateChannelDto {
  @ApiProperty({ enum: ['wechat-oa'] })
  @IsIn(['wechat-oa'])
  kind: 'wechat-oa';

  @ApiProperty({ example: 'Acme 公众号' })
  @IsString()
  @Length(1, CHANNEL_LIMITS.nameMaxChars)
  @Matches(NOT_BLANK, { message: messages.name })
  name: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  @ApiProperty({ type: WechatOaConfigDto })
  @IsObject({ message: 'config must be an object with the Official Account settings' })
  @ValidateNested()
  @Type(() => WechatOaConfigDto)
  config: WechatOaConfigDto;
}

/** PATCH: an omitted field keeps its value; a secret that is sent replaces the stored one (rotation). */
export class WechatOaConfigPatchDto {
  @ApiPropertyOptional({ description: 'Cannot change once set; shown here to say so clearly' })
  @IsOptional()
  @Matches(APP_ID, { message: messages.appId })
  appId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ORIGINAL_ID, { message: messages.originalId })
  originalId?: string;

  @ApiPropertyOptional({ enum: ENCRYPTION_MODES })
  @IsOptional()
  @IsIn(ENCRYPTION_MODES)
  encryptionMode?: EncryptionMode;

  @ApiPropertyOptional({ writeOnly: true })
  @IsOptional()
  @Matches(APP_SECRET, { message: messages.appSecret })
  appSecret?: string;

  @ApiPropertyOptional({ writeOnly: true })
  @IsOptional()
  @Matches(TOKEN, { message: messages.token })
  token?: string;

  @ApiPropertyOptional({
    writeOnly: true,
    nullable: true,
    description: 'null removes it (plaintext mode only)',
  })
  @IsOptional()
  @Matches(AES_KEY, { message: messages.encodingAesKey })
  encodingAesKey?: string | null;

  @ApiPropertyOptional({ minimum: MIN_MESSAGES, maximum: MAX_MESSAGES })
  @IsOptional()
  @IsInt({ message: messages.messagesPerCustomerMessage })
  @Min(MIN_MESSAGES, { message: messages.messagesPerCustomerMessage })
  @Max(MAX_MESSAGES, { message: messages.messagesPerCustomerMessage })
  messagesPerCustomerMessage?: number;

  @ApiPropertyOptional({ enum: TOKEN_MODES })
  @IsOptional()
  @IsIn(TOKEN_MODES)
  tokenMode?: OaTokenMode;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  outsideMainlandChina?: boolean;

  @ApiPropertyOptional({ example: 'TALK_TO_AGENT' })
  @IsOptional()
  @Matches(TALK_TO_AGENT_KEY, { message: messages.talkToAgentKey })
  talkToAgentKey?: string;
}

export class UpdateChannelDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, CHANNEL_LIMITS.nameMaxChars)
  @Matches(NOT_BLANK, { message: messages.name })
  name?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null: no department (not fully configured)' })
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  @ApiPropertyOptional({ type: WechatOaConfigPatchDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WechatOaConfigPatchDto)
  config?: WechatOaConfigPatchDto;
}

export class SetChannelAgentsDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  agentIds: string[];
}

export class SetFollowReplyDto {
  @ApiProperty()
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({
    description: `At most ${CHANNEL_LIMITS.followReplyMaxBytes} bytes of UTF-8; required when enabled`,
  })
  @IsString()
  // Characters, not bytes: the service counts the bytes; this only stops absurd bodies early.
  @MaxLength(CHANNEL_LIMITS.followReplyMaxBytes)
  text: string;
}

export class SaveChannelMenuDto {
  @ApiProperty({
    description:
      '1–3 buttons: { type: click, name, key } | { type: view, name, url } | { type: talk-to-agent, name } | { type: submenu, name, items: [1–5 of the others] }',
    type: 'array',
    items: { type: 'object' },
  })
  @IsArray()
  // Checked item by item by checkChannelMenu, which says where each problem is.
  buttons: ChannelMenuButton[];
}
