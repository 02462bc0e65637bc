import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { EventLogRepository } from './event-log.repository.js';

const EVERY_MS = 60_000;
/** Rows per DELETE: short transactions that do not hold up the appends' index pages for long. */
const CHUNK = 5_000;

/**
 * Drops live events older than the retention (`REALTIME_RETENTION_MINUTES`, 60 by default), in the background
 * of every process (one at a time: the others skip while one prunes). A console away for longer is told to
 * reload its views instead of replaying.
 */
@Injectable()
export class EventLogPruner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventLogPruner.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly log: EventLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.pruneNow(), EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Returns how many events were dropped. */
  pruneNow(): Promise<number> {
    this.running ??= this.pruneAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pruneAll(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const deleted = await this.log.prune(this.config.realtimeRetentionMinutes, CHUNK);
        total += deleted;
        if (deleted < CHUNK) return total;
      }
    } catch (error) {
      this.logger.warn(`Pruning the live event log failed: ${String(error)}`);
      return total;
    }
  }
}
