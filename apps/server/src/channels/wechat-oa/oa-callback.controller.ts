import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { OaCallbackQuery } from '#wechat';
import { Public } from '../../identity/auth.decorators.js';
import { OaCallbackService } from './oa-callback.service.js';

/** Called by WeChat, not by people: authenticated by the platform's signature, not by a session. */
@ApiExcludeController()
@Public()
@Controller('callbacks/wechat-oa')
export class OaCallbackController {
  constructor(private readonly callbacks: OaCallbackService) {}

  @Get(':channelId')
  @Header('content-type', 'text/plain; charset=utf-8')
  verify(@Param('channelId') channelId: string, @Query() query: OaCallbackQuery): Promise<string> {
    return this.callbacks.verifyUrl(channelId, query);
  }

  @Post(':channelId')
  @HttpCode(200)
  @Header('content-type', 'text/plain; charset=utf-8')
  receive(
    @Param('channelId') channelId: string,
    @Query() query: OaCallbackQuery,
    @Body() body: unknown,
  ): Promise<string> {
    return this.callbacks.receive(channelId, query, typeof body === 'string' ? body : '');
  }
}
