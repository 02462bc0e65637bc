import { randomUUID } from 'node:crypto';
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ApiErrorBody } from '#contracts';
import type { FastifyReply } from 'fastify';
import { DomainError, ErrorCode } from './domain-error.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: ErrorCode.TooManyAttempts,
};

/** Maps every error to one body shape; a 500 carries an error id that is also in the log. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiError');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(error);
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(error: unknown): ApiErrorBody {
    if (error instanceof DomainError) {
      return {
        statusCode: error.httpStatus,
        code: error.code,
        message: error.message,
        details: error.details,
      };
    }
    if (error instanceof HttpException) {
      const statusCode = error.getStatus();
      const response = error.getResponse();
      const raw =
        typeof response === 'object' && response !== null ? (response as { message?: unknown }) : {};
      const messages = Array.isArray(raw.message) ? (raw.message as string[]) : undefined;
      const message = messages
        ? messages.join('; ')
        : typeof raw.message === 'string'
          ? raw.message
          : error.message;
      return { statusCode, code: CODE_BY_STATUS[statusCode] ?? 'error', message, details: messages };
    }
    const fastifyStatus = (error as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return {
        statusCode: fastifyStatus,
        code: CODE_BY_STATUS[fastifyStatus] ?? 'bad_request',
        message: (error as Error).message,
      };
    }
    const errorId = randomUUID();
    this.logger.error(`[${errorId}] ${(error as Error)?.stack ?? String(error)}`);
    return { statusCode: 500, code: 'internal_error', message: 'Something went wrong on our side', errorId };
  }
}
