import type { CatchUpResult, LiveEventRecord } from '#contracts';

/** What to do with a catch-up answer: apply these, in this order; and reload the views first if `resync`. */
export interface CatchUpOutcome {
  apply: LiveEventRecord[];
  resync: boolean;
}

const seqOf = (record: LiveEventRecord) => record.payload.seq;

/**
 * The console's place in the server's event log (RT2). Events are applied once each and in `seq` order: one
 * at or below the last applied `seq` is a duplicate (a live event the catch-up already brought, or the other
 * way round). From a (re)connection until the catch-up answer, live events are held back, so that none is
 * applied before the older ones the catch-up brings.
 */
export class LiveSequence {
  private last: number | null = null;
  private held: LiveEventRecord[] | null = null;

  /** The last `seq` applied (or reloaded up to); null before the first catch-up. */
  get position(): number | null {
    return this.last;
  }

  get catchingUp(): boolean {
    return this.held !== null;
  }

  /** A live event from the socket: the events to apply now (none while catching up, or a duplicate). */
  receive(record: LiveEventRecord): LiveEventRecord[] {
    if (this.held) {
      this.held.push(record);
      return [];
    }
    return this.accept([record]);
  }

  /** Connected: hold live events back until the answer; returns the `since` to ask with. */
  beginCatchUp(): number | null {
    this.held ??= [];
    return this.last;
  }

  /** The server's answer: the missed events and the held ones, merged, in order, each once. */
  finishCatchUp(result: CatchUpResult): CatchUpOutcome {
    const held = this.held ?? [];
    this.held = null;
    if (result.status === 'resync') {
      // The reload shows everything up to `head`; what came after it is applied on top.
      this.last = result.head;
      return { resync: true, apply: this.accept(held) };
    }
    const apply = this.accept([...result.events, ...held]);
    if (this.last === null || result.head > this.last) this.last = result.head;
    return { resync: false, apply };
  }

  private accept(records: LiveEventRecord[]): LiveEventRecord[] {
    const fresh = records
      .filter((record) => this.last === null || seqOf(record) > this.last)
      .sort((a, b) => seqOf(a) - seqOf(b))
      .filter((record, i, sorted) => i === 0 || seqOf(sorted[i - 1]) !== seqOf(record));
    if (fresh.length > 0) this.last = seqOf(fresh[fresh.length - 1]);
    return fresh;
  }
}
