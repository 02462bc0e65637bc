import { Injectable } from '@nestjs/common';

/**
 * The time every rule and timer reads (PF4). Production uses the system clock; tests start the server with a
 * `FakeClock` they hold in their own process and move forward, so a "24 hours idle" test takes milliseconds.
 * Nothing in the server can move the clock: there is no route or setting for it.
 */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A clock for tests only (the production wiring never provides it). `new FakeClock(at)` stands still at `at`
 * until moved, for exact rule tests; `FakeClock.running()` follows the real time plus whatever the test
 * added, for a running server whose other parts (the database's now(), the simulator) use the real time.
 */
export class FakeClock extends Clock {
  private offsetMs = 0;

  constructor(private readonly frozenAt: Date | null = new Date()) {
    super();
  }

  static running(): FakeClock {
    return new FakeClock(null);
  }

  now(): Date {
    const base = this.frozenAt ? this.frozenAt.getTime() : Date.now();
    return new Date(base + this.offsetMs);
  }

  advance(ms: number): Date {
    if (ms < 0) throw new Error('A clock only moves forward');
    this.offsetMs += ms;
    return this.now();
  }
}
