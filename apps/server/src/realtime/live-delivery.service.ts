import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EventLogRepository } from './event-log.repository.js';
import type { LoggedEvent } from './live-events.js';
import { LiveTail } from './live-tail.js';

const RETRY_READ_MS = 1_000;

/** This process's side of the event log: reads it in order and hands each event to the local sockets. */
@Injectable()
export class LiveDelivery implements OnApplicationBootstrap, OnModuleDestroy {
  /** This process in the log's notices: its own appends are handed over by its writer, not re-read. */
  readonly origin = randomUUID();
  private readonly logger = new Logger(LiveDelivery.name);
  private readonly tail: LiveTail;
  private deliver: ((event: LoggedEvent) => void) | null = null;
  private retry: NodeJS.Timeout | null = null;

  constructor(log: EventLogRepository) {
    this.tail = new LiveTail(
      log,
      (event) => this.deliver?.(event),
      (error) => this.readFailed(error),
    );
  }

  /** The gateway: emits one event to this process's sockets in its rooms. */
  attach(deliver: (event: LoggedEvent) => void): void {
    this.deliver = deliver;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.tail.start();
  }

  onModuleDestroy(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.deliver = null;
  }

  appended(previous: number, events: LoggedEvent[]): Promise<void> {
    return this.tail.appended(previous, events);
  }

  /** Another process (or nobody knows who) appended up to `upTo`. */
  wake(upTo?: number): Promise<void> {
    return this.tail.wake(upTo);
  }

  private readFailed(error: unknown): void {
    this.logger.warn(`Could not read the live event log (trying again): ${String(error)}`);
    if (this.retry || !this.deliver) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.tail.wake();
    }, RETRY_READ_MS);
    this.retry.unref();
  }
}
