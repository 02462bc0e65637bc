import { existsSync } from 'node:fs';
import { ValidationPipe, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { AppModule, type AppOptions } from './app.module.js';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import type { AppConfig } from './config/app-config.js';
import type { Database } from './database/open-database.js';
import { DeskIoAdapter } from './realtime/socket-adapter.js';

/** WeChat pushes are small; anything larger than this is refused before it is parsed (NF4). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The largest file any upload route may accept (outbound attachments: WeCom files are up to 20 MB). Each route
 * passes its own, smaller limit to `readUploadedFile` (e.g. 1 MB for a channel icon).
 */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

const LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

/**
 * The server on Fastify: Express alone costs ~160 µs a request, more than the whole callback budget
 * (STACK.md). The database is opened before, so a bad DATABASE_URL fails before anything listens.
 */
export async function createApp(
  config: AppConfig,
  database: Database,
  options: AppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: MAX_BODY_BYTES, trustProxy: true });
  // WeChat posts XML (text/xml); the callback handlers get it as a string and parse it themselves.
  adapter
    .getInstance()
    .addContentTypeParser(
      ['text/xml', 'application/xml', 'text/plain'],
      { parseAs: 'string', bodyLimit: MAX_BODY_BYTES },
      (_request, body, done) => done(null, body),
    );

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, database, options),
    adapter,
    {
      logger: LOG_LEVELS[config.logLevel],
    },
  );
  // Streams multipart bodies (they bypass bodyLimit); nothing is buffered until a route reads its one file.
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 11 },
  });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  const sockets = new DeskIoAdapter(app, config);
  try {
    await sockets.connect();
  } catch (error) {
    await app.close();
    throw error;
  }
  app.useWebSocketAdapter(sockets);

  const openApi = new DocumentBuilder()
    .setTitle('WeChat Support Desk API')
    .setDescription(
      'REST API of the WeChat Support Desk. Authenticate with POST /api/auth/login, then Bearer tokens.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs/json',
  });

  if (config.consoleDir && existsSync(config.consoleDir)) {
    await app.register(fastifyStatic, { root: config.consoleDir, prefix: '/', wildcard: false });
  }
  return app;
}
