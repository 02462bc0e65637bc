import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { MediaRepository } from './media.repository.js';
import { MediaService } from './media.service.js';

/** An upload no message took for this long was abandoned (removed from the composer, or refused on send). */
export const UNSENT_UPLOAD_TTL_SECONDS = 24 * 3600;
const PURGE_INTERVAL_MS = 60 * 60 * 1000;
const FIRST_PURGE_AFTER_MS = 60 * 1000;
const BATCH = 200;

/**
 * Removes agents' uploads that never became a message, rows and bytes. Every process purges; two at once
 * skip each other's rows (SKIP LOCKED).
 */
@Injectable()
export class UnsentUploadsPurge implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Media');
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly files: MediaRepository,
    private readonly media: MediaService,
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

  async purge(olderThanSeconds = UNSENT_UPLOAD_TTL_SECONDS): Promise<number> {
    let removed = 0;
    try {
      for (;;) {
        const rows = await this.files.purgeUnsentUploads(olderThanSeconds, BATCH);
        for (const row of rows) if (row.storage_key) await this.media.deleteObject(row.storage_key);
        removed += rows.length;
        if (rows.length < BATCH) break;
      }
      if (removed > 0) this.logger.log(`Removed ${removed} uploads that were never sent`);
    } catch (error) {
      this.logger.error(`Purging unsent uploads failed: ${String(error)}`);
    }
    return removed;
  }
}
