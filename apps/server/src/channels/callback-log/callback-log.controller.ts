import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallbackLogEntryView, CallbackLogPage } from '#contracts';
import { Roles } from '../../identity/auth.decorators.js';
import { CallbackIdPipe } from './callback-id.pipe.js';
import { CallbackLogQueryDto } from './callback-log.dto.js';
import { CallbackLogService } from './callback-log.service.js';

/** The callback flight recorder (BX1). Payloads show customers' messages: admins only. */
@ApiTags('callback log')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/callbacks')
export class CallbackLogController {
  constructor(private readonly log: CallbackLogService) {}

  @Get()
  list(@Query() query: CallbackLogQueryDto): Promise<CallbackLogPage> {
    return this.log.list(query);
  }

  @Get(':id')
  get(@Param('id', CallbackIdPipe) id: string): Promise<CallbackLogEntryView> {
    return this.log.get(id);
  }

  @ApiOperation({ summary: 'Run a failed callback through the ingest again (still deduplicated)' })
  @Post(':id/reingest')
  reingest(@Param('id', CallbackIdPipe) id: string): Promise<CallbackLogEntryView> {
    return this.log.reingest(id);
  }
}
