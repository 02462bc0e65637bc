import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { CallbackLogRepository } from './callback-log.repository.js';

const PURGE_INTERVAL_MS = 60 * 60 * 1000;
const FIRST_PURGE_AFTER_MS = 30 * 1000;

/**
 * Keeps the flight recorder to CALLBACK_LOG_RETENTION_DAYS. Every process purges (in small batches); two
 * doing it at once only delete the same old rows.
 */
@Injectable()
export class CallbackLogRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CallbackLog');
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly log: CallbackLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const first = setTimeout(() => void this.purge(), FIRST_PURGE_AFTER_MS);
    const every = setInterval(() => void this.purge(), PURGE_INTERVAL_MS);
    first.unref();
    every.unref();
    this.timers = [first, every];
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  async purge(): Promise<number> {
    try {
      const deleted = await this.log.purgeOlderThan(this.config.callbackLogRetentionDays);
      if (deleted > 0) this.logger.log(`Removed ${deleted} callback log entries older than the retention`);
      return deleted;
    } catch (error) {
      this.logger.error(`Callback log purge failed: ${String(error)}`);
      return 0;
    }
  }
}
