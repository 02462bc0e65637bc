import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChannelMenuView, PublishedChannelMenu } from '#contracts';
import { Roles } from '../../identity/auth.decorators.js';
import { SaveChannelMenuDto } from '../channels.dto.js';
import { OaMenuService } from './oa-menu.service.js';

/** The Official Account's custom menu (OA9); admins only. */
@ApiTags('channels')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/channels/:id/menu')
export class OaMenuController {
  constructor(private readonly menus: OaMenuService) {}

  @Get()
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ChannelMenuView> {
    return this.menus.get(id);
  }

  /** Saves the menu here (checked against WeChat's rules); publish it to show it to followers. */
  @Put()
  save(@Param('id', ParseUUIDPipe) id: string, @Body() body: SaveChannelMenuDto): Promise<ChannelMenuView> {
    return this.menus.save(id, body.buttons);
  }

  @Post('publish')
  @HttpCode(200)
  publish(@Param('id', ParseUUIDPipe) id: string): Promise<ChannelMenuView> {
    return this.menus.publish(id);
  }

  /** What WeChat shows now (menu/get). */
  @Get('published')
  published(@Param('id', ParseUUIDPipe) id: string): Promise<PublishedChannelMenu> {
    return this.menus.published(id);
  }

  /** Removes the menu from WeChat (menu/delete); the saved one stays. */
  @Delete()
  remove(@Param('id', ParseUUIDPipe) id: string): Promise<ChannelMenuView> {
    return this.menus.remove(id);
  }
}
