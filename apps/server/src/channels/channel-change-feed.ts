import { setTimeout as sleep } from 'node:timers/promises';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import pg from 'pg';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CHANNEL_CHANGED } from './channels.repository.js';
import { OaChannelDirectory } from './wechat-oa/oa-channel-directory.js';

const RETRY_MS = { first: 500, max: 30_000 };

/**
 * Makes a channel change (deactivation, a rotated Token…) take effect on the callback path of every server
 * process at once, not after the directory's cache runs out: the change's transaction sends a PostgreSQL
 * NOTIFY with the channel id, and each process LISTENs on a connection of its own and forgets that channel.
 * While the connection is down, notices may be missed: the whole cache is dropped on reconnecting, and its
 * few seconds of lifetime bound the delay meanwhile. The embedded database has one process (a lock file
 * sees to it), which forgets its own changes directly.
 */
@Injectable()
export class ChannelChangeFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ChannelChangeFeed.name);
  private client: pg.Client | null = null;
  private stopped = false;

  constructor(
    private readonly directory: OaChannelDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.databaseUrl) return;
    // The first connection is awaited so that a process serves callbacks only once it hears changes.
    if (!(await this.connect())) void this.reconnect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<boolean> {
    const client = new pg.Client({
      connectionString: this.config.databaseUrl!,
      application_name: 'wechat-support-desk:channel-changes',
    });
    client.on('notification', (notice) => {
      if (notice.channel === CHANNEL_CHANGED && notice.payload) this.directory.forget(notice.payload);
    });
    client.on('error', (error) => {
      this.logger.warn(`Lost the channel-change connection: ${error.message}`);
      void this.reconnect(client);
    });
    client.on('end', () => void this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL_CHANGED}`);
    } catch (error) {
      this.logger.warn(`Cannot listen for channel changes: ${(error as Error).message}`);
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      return false;
    }
    this.client = client;
    // Anything that changed while no connection was listening is read again.
    this.directory.forgetAll();
    return true;
  }

  private reconnecting = false;

  private async reconnect(failed?: pg.Client): Promise<void> {
    if (this.stopped || this.reconnecting || (failed && failed !== this.client)) return;
    this.reconnecting = true;
    this.client = null;
    let delay = RETRY_MS.first;
    try {
      while (!this.stopped && !(await this.connect())) {
        await sleep(delay);
        delay = Math.min(delay * 2, RETRY_MS.max);
      }
    } finally {
      this.reconnecting = false;
    }
  }
}
