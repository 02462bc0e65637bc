import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_BODY_BYTES } from '../../create-app.js';
import { CallbackRecorder } from '../callback-log/callback-recorder.js';
import { OaChannelDirectory } from './oa-channel-directory.js';

const CALLBACK_PATH = /^\/callbacks\/wechat-oa\/([0-9a-f-]{36})(?:\?|$)/i;

/** Fastify refuses these before any handler runs; the flight recorder should still show them. */
function reasonFor(code: string): string | null {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      // Read at call time: create-app.ts imports this module (through the app module) before it defines the limit.
      return `The body is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MB (WeChat pushes are small)`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'The body is not XML (unsupported content type)';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'The Content-Length does not match the body';
    default:
      return null;
  }
}

/**
 * Records callbacks that Fastify refused while reading the body (too large, not XML), for a channel that
 * exists, so that "refused: 2 MB body" is visible next to the other refusals.
 */
@Injectable()
export class OaCallbackBodyRefusals implements OnModuleInit {
  private readonly logger = new Logger('OaCallback');

  constructor(
    private readonly host: HttpAdapterHost,
    private readonly directory: OaChannelDirectory,
    private readonly recorder: CallbackRecorder,
  ) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return;
    fastify.addHook('onError', async (request, _reply, error) => {
      const reason = reasonFor((error as { code?: string }).code ?? '');
      if (reason) await this.record(request, reason);
    });
  }

  private async record(request: FastifyRequest, reason: string): Promise<void> {
    const channelId = CALLBACK_PATH.exec(request.url)?.[1];
    if (!channelId) return;
    try {
      if (!(await this.directory.find(channelId))) return;
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      await this.recorder.refused({
        channelId,
        reason,
        body: '',
        bodyBytes: Number(request.headers['content-length']) || 0,
        encrypted: query.get('encrypt_type') === 'aes' || query.has('msg_signature'),
      });
    } catch (error) {
      this.logger.error(`Could not record a refused callback body: ${String(error)}`);
    }
  }
}
