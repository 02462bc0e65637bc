import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ContactPageView } from '#contracts';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser } from '../identity/auth.decorators.js';
import { MergeContactDto, UpdatePersonDto } from './people.dto.js';
import { PeopleService } from './people.service.js';

/** Contacts and the people they belong to (CV5, BX3); every role, within the channels it may see. */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('api/contacts')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get(':id')
  page(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ContactPageView> {
    return this.people.page(user, id);
  }

  @Patch(':id/person')
  updatePerson(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePersonDto,
  ): Promise<ContactPageView> {
    return this.people.updatePerson(user, id, body);
  }

  @Post(':id/merge')
  @HttpCode(200)
  merge(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MergeContactDto,
  ): Promise<ContactPageView> {
    return this.people.merge(user, id, body.contactId);
  }

  @Post(':id/split')
  @HttpCode(200)
  split(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ContactPageView> {
    return this.people.split(user, id);
  }

  /** Blocks the contact (CV4): their messages are stored but raise no chat. */
  @Put(':id/block')
  block(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ContactPageView> {
    return this.people.block(user, id);
  }

  @Delete(':id/block')
  unblock(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ContactPageView> {
    return this.people.unblock(user, id);
  }
}
