import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Closes a server app without waiting on keep-alive sockets. A streamed response (a media file) can reach
 * the client before the server's side of it has finished; such a socket turns idle only after Fastify's
 * one sweep of idle connections at close, and would then hold close() for the keep-alive timeout (72 s).
 */
export async function closeApp(app: NestFastifyApplication): Promise<void> {
  const closing = app.close();
  (app.getHttpServer() as { closeAllConnections?: () => void }).closeAllConnections?.();
  await closing;
}
