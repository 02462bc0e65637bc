/**
 * The simulator's notion of "now". Token expiry, the 48-hour window, code validity and CreateTime all
 * read it, so a test can jump two days ahead with `advance(48 * 3600)` instead of waiting.
 *
 * By default the clock follows the wall clock plus the accumulated advances (so the demo's timestamps
 * look real). A frozen clock only moves when advanced, which makes assertions on times exact.
 */
export interface SimulatorClockOptions {
  /** Starting time in ms since the epoch (default: the wall clock at creation). */
  startMs?: number;
  /** When true, time stands still between `advance()` calls. */
  frozen?: boolean;
}

export class SimulatorClock {
  readonly frozen: boolean;
  private readonly createdAtWallMs: number;
  private readonly startMs: number;
  private advancedMs = 0;

  constructor(options: SimulatorClockOptions = {}) {
    this.frozen = options.frozen ?? false;
    this.createdAtWallMs = Date.now();
    this.startMs = options.startMs ?? this.createdAtWallMs;
  }

  /** Milliseconds since the epoch, simulated. */
  now(): number {
    const elapsed = this.frozen ? 0 : Date.now() - this.createdAtWallMs;
    return this.startMs + elapsed + this.advancedMs;
  }

  /** Unix seconds, as WeChat puts in CreateTime and timestamps. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`Clock can only move forward by a finite number of seconds, got ${seconds}`);
    }
    this.advancedMs += Math.round(seconds * 1000);
  }

  describe(): { now: number; nowSeconds: number; iso: string; frozen: boolean; advancedSeconds: number } {
    const now = this.now();
    return {
      now,
      nowSeconds: Math.floor(now / 1000),
      iso: new Date(now).toISOString(),
      frozen: this.frozen,
      advancedSeconds: this.advancedMs / 1000,
    };
  }
}
