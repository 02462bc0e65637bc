import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../config/app-config.js';

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The Socket.IO adapter is a configuration choice (NF2): in memory for one process (the default), or Redis
 * (`REDIS_URL`) for several, so that a room change or a disconnection made in one process reaches sockets
 * connected to the others. Live events themselves reach every process through the event log, in order.
 */
export class DeskIoAdapter extends IoAdapter {
  private readonly log = new Logger('SocketAdapter');
  private redis: Redis[] = [];
  private redisAdapter: ReturnType<typeof createAdapter> | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly config: Pick<AppConfig, 'redisUrl' | 'redisPrefix'>,
  ) {
    super(app);
  }

  get kind(): 'redis' | 'in-memory' {
    return this.redisAdapter ? 'redis' : 'in-memory';
  }

  /** With `REDIS_URL`, connects first: a process that cannot reach Redis refuses to start. */
  async connect(): Promise<void> {
    if (!this.config.redisUrl) return;
    const pub = new Redis(this.config.redisUrl, { lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS });
    const sub = pub.duplicate();
    this.redis = [pub, sub];
    for (const client of this.redis) {
      // The URL is not logged: it may carry the password.
      client.on('error', (error: Error) => this.log.warn(`Redis: ${error.message}`));
    }
    try {
      await Promise.all(this.redis.map((client) => client.connect()));
    } catch (error) {
      this.redis.forEach((client) => client.disconnect());
      throw new Error(`Cannot reach Redis at REDIS_URL: ${(error as Error).message}`, { cause: error });
    }
    this.redisAdapter = createAdapter(pub, sub, { key: this.config.redisPrefix });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.redisAdapter) server.adapter(this.redisAdapter);
    return server;
  }

  override async dispose(): Promise<void> {
    await Promise.all(this.redis.map((client) => client.quit().catch(() => client.disconnect())));
    this.redis = [];
  }
}
