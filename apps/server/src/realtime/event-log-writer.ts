import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { EventLogRepository } from './event-log.repository.js';
import { logged, type LiveEvent } from './live-events.js';
import { LiveDelivery } from './live-delivery.service.js';

/** Most events in one append: one statement, well under PostgreSQL's parameter and lock-time limits. */
const MAX_BATCH = 500;
const RETRY_MS = { first: 100, max: 5_000 };

/**
 * Writes live events to the log in batches: everything that arrives while an append is in flight goes into
 * the next one, so the serialized section costs one round trip and one WAL flush per batch, not per event,
 * and a burst of callbacks is not throttled by it. Events keep the order in which they were appended here.
 * A failed append is retried (in order, before anything newer) until the database takes it.
 */
@Injectable()
export class EventLogWriter implements OnModuleDestroy {
  private readonly logger = new Logger(EventLogWriter.name);
  private pending: LiveEvent[] = [];
  private flushing: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly log: EventLogRepository,
    private readonly delivery: LiveDelivery,
  ) {}

  append(event: LiveEvent): void {
    this.pending.push(event);
    this.flushing ??= this.flush().finally(() => {
      this.flushing = null;
    });
  }

  /** Resolves when everything appended so far is in the log and handed to this process's sockets. */
  async drained(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.drained();
  }

  private async flush(): Promise<void> {
    // Events emitted together (a message and its conversation) go into one batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      const previous = await this.write(batch);
      if (previous === null) return;
      await this.delivery.appended(
        previous,
        batch.map((event, i) => logged(event, previous + i + 1)),
      );
    }
  }

  private async write(batch: LiveEvent[]): Promise<number | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.log.append(batch, this.delivery.origin);
      } catch (error) {
        if (this.stopping) {
          this.logger.error(`Shutting down: ${batch.length + this.pending.length} live events not logged`);
          this.pending = [];
          return null;
        }
        const delay = Math.min(RETRY_MS.max, RETRY_MS.first * 2 ** attempt);
        this.logger.warn(
          `Could not log ${batch.length} live events (retrying in ${delay} ms): ${String(error)}`,
        );
        await sleep(delay);
      }
    }
  }
}
