import { setTimeout as sleep } from 'node:timers/promises';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { appendedNotice, EVENTS_APPENDED } from './event-log.repository.js';
import { LiveDelivery } from './live-delivery.service.js';

const RETRY_MS = { first: 500, max: 30_000 };
/** While nobody rings, the log is read this often: a missed notice costs at most this much delay. */
const POLL_WITHOUT_LISTENER_MS = 1_000;

/**
 * Tells this process when another one appended to the event log: `realtime_append` sends a NOTIFY at commit,
 * and each process LISTENs on a connection of its own. While that connection is down the log is polled
 * instead, so an event is late then, never lost (the tail reads on from its position). The embedded
 * database has one process, which hands over its own events as it writes them.
 */
@Injectable()
export class EventLogDoorbell implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventLogDoorbell.name);
  private client: pg.Client | null = null;
  private poller: NodeJS.Timeout | null = null;
  private reconnecting = false;
  private stopped = false;

  constructor(
    private readonly delivery: LiveDelivery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.databaseUrl) return;
    if (!(await this.connect())) void this.reconnect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.stopPolling();
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<boolean> {
    const client = new pg.Client({
      connectionString: this.config.databaseUrl!,
      application_name: 'wechat-support-desk:live-events',
    });
    client.on('notification', (notice) => {
      if (notice.channel !== EVENTS_APPENDED) return;
      const appended = appendedNotice(notice.payload);
      if (appended?.origin === this.delivery.origin) return;
      void this.delivery.wake(appended?.upTo);
    });
    client.on('error', (error) => {
      this.logger.warn(`Lost the live-event connection: ${error.message}`);
      void this.reconnect(client);
    });
    client.on('end', () => void this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_APPENDED}`);
    } catch (error) {
      this.logger.warn(`Cannot listen for live events: ${(error as Error).message}`);
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      return false;
    }
    this.client = client;
    this.stopPolling();
    // Whatever was appended while nobody listened.
    void this.delivery.wake();
    return true;
  }

  private async reconnect(failed?: pg.Client): Promise<void> {
    if (this.stopped || this.reconnecting || (failed && failed !== this.client)) return;
    this.reconnecting = true;
    this.client = null;
    this.startPolling();
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

  private startPolling(): void {
    if (this.poller || this.stopped) return;
    this.poller = setInterval(() => void this.delivery.wake(), POLL_WITHOUT_LISTENER_MS);
    this.poller.unref();
  }

  private stopPolling(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
  }
}
