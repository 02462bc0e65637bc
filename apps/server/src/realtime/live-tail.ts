import type { LoggedEvent } from './live-events.js';

export interface TailSource {
  head(): Promise<number>;
  readAfter(seq: number, limit: number): Promise<LoggedEvent[]>;
}

const READ_BATCH = 500;

/**
 * One server process's reading of the event log: it hands every event to its own sockets exactly once and in
 * `seq` order, whichever process wrote it. The order matters because a console remembers only its last
 * `seq`: if process B's event 6 reached it before process A's event 5, it would drop 5 as already seen, or
 * ask for "after 6" after a disconnect and never get 5. Emitting straight from the writing process through a
 * shared adapter cannot promise that order; reading a log whose `seq` follows commit order can.
 *
 * Events this process wrote are handed over without a read when they follow on from what it has handed over
 * so far (the usual case with one process); otherwise it reads the log from where it is.
 */
export class LiveTail {
  private position: number | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readQueued = false;

  constructor(
    private readonly source: TailSource,
    private readonly deliver: (event: LoggedEvent) => void,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** From the log's current end: earlier events were for sockets this process never had. */
  async start(): Promise<void> {
    const head = await this.source.head();
    await this.run(() => {
      this.position ??= head;
    });
  }

  /** Where it has read up to (null before `start`). */
  get handedOver(): number | null {
    return this.position;
  }

  /** Events this process has just committed: `previous` is the `seq` before the first of them. */
  appended(previous: number, events: LoggedEvent[]): Promise<void> {
    return this.run(async () => {
      if (this.position === null || events.length === 0) return;
      const last = events[events.length - 1].seq;
      if (this.position >= last) return;
      if (this.position === previous) {
        for (const event of events) this.handOver(event);
      } else {
        await this.readOn();
      }
    });
  }

  /** Another process wrote up to `upTo` (or something was written: no number). Reads once for many calls. */
  wake(upTo?: number): Promise<void> {
    if (this.readQueued || (upTo !== undefined && this.position !== null && upTo <= this.position)) {
      return this.queue;
    }
    this.readQueued = true;
    return this.run(async () => {
      this.readQueued = false;
      await this.readOn();
    });
  }

  private async readOn(): Promise<void> {
    if (this.position === null) return;
    for (;;) {
      const events = await this.source.readAfter(this.position, READ_BATCH);
      for (const event of events) this.handOver(event);
      if (events.length < READ_BATCH) return;
    }
  }

  private handOver(event: LoggedEvent): void {
    this.position = event.seq;
    try {
      this.deliver(event);
    } catch (error) {
      this.failed(error);
    }
  }

  /** One step at a time, in the order asked; a failed read leaves the position where it was. */
  private run(step: () => void | Promise<void>): Promise<void> {
    const next = this.queue.then(step).catch((error: unknown) => this.failed(error));
    this.queue = next;
    return next;
  }
}
