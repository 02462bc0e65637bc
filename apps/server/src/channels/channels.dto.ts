import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { EncryptionMode } from '#contracts';

export class WechatOaConfigDto {
  @ApiProperty({ example: 'wx1234567890abcdef' })
  @Matches(/^wx[0-9a-zA-Z]{14,30}$/, { message: 'appId must look like wx followed by 16 letters or digits' })
  appId: string;

  @ApiProperty({ writeOnly: true })
  @Matches(/^[0-9a-zA-Z]{16,64}$/, {
    message: 'appSecret must be the 32-character AppSecret from the OA admin',
  })
  appSecret: string;

  @ApiProperty({
    writeOnly: true,
    description: '3–32 letters or digits, the same as on WeChat’s server-config page',
  })
  @Matches(/^[0-9a-zA-Z]{3,32}$/, { message: 'token must be 3 to 32 letters or digits' })
  token: string;

  @ApiPropertyOptional({
    writeOnly: true,
    description: '43 letters or digits; required for compatible and safe modes',
  })
  @IsOptional()
  @Matches(/^[0-9a-zA-Z]{43}$/, { message: 'encodingAesKey must be exactly 43 letters or digits' })
  encodingAesKey?: string;

  @ApiProperty({ example: 'gh_1234567890ab' })
  @Matches(/^gh_[0-9a-zA-Z]{6,30}$/, {
    message: 'originalId must look like gh_ followed by letters or digits',
  })
  originalId: string;

  @ApiProperty({ enum: ['plaintext', 'compatible', 'safe'] })
  @IsIn(['plaintext', 'compatible', 'safe'])
  encryptionMode: EncryptionMode;
}

export class CreateChannelDto {
  @ApiProperty({ enum: ['wechat-oa'] })
  @IsIn(['wechat-oa'])
  kind: 'wechat-oa';

  @ApiProperty({ example: 'Acme 公众号' })
  @IsString()
  @Length(1, 60)
  name: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  @ApiProperty({ type: WechatOaConfigDto })
  @ValidateNested()
  @Type(() => WechatOaConfigDto)
  config: WechatOaConfigDto;
}

export class SetChannelAgentsDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  agentIds: string[];
}
