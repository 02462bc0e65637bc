import { ControlError, isRecord } from './http/http-types.js';

export type FaultKind = 'delay' | 'http-500' | 'busy' | 'drop-callback';
export const FAULT_KINDS: readonly FaultKind[] = ['delay', 'http-500', 'busy', 'drop-callback'];

export interface Fault {
  id: number;
  /** API path (`/cgi-bin/message/custom/send`), callback URL path for drop-callback, or `*` for all. */
  path: string;
  kind: FaultKind;
  /** How many more times it fires. */
  remaining: number;
  /** For `delay`: how long to hold the answer. */
  ms: number;
}

const DEFAULT_DELAY_MS = 6000;

/**
 * Faults armed by tests: the next `count` matching calls are delayed, answered with HTTP 500, answered
 * with errcode -1 (system busy), or, for callbacks the simulator sends, dropped before they leave.
 */
export class FaultInjector {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: unknown): Fault {
    if (!isRecord(input)) throw new ControlError(400, 'Body must be an object { path, kind, count?, ms? }');
    const { path, kind, count, ms } = input;
    if (typeof path !== 'string' || path.length === 0) throw new ControlError(400, '`path` is required');
    if (typeof kind !== 'string' || !FAULT_KINDS.includes(kind as FaultKind)) {
      throw new ControlError(400, `\`kind\` must be one of ${FAULT_KINDS.join(', ')}`);
    }
    if (count !== undefined && (!Number.isInteger(count) || (count as number) < 1)) {
      throw new ControlError(400, '`count` must be a positive integer');
    }
    if (ms !== undefined && (typeof ms !== 'number' || ms < 0))
      throw new ControlError(400, '`ms` must be >= 0');
    const fault: Fault = {
      id: this.nextId++,
      path,
      kind: kind as FaultKind,
      remaining: (count as number | undefined) ?? 1,
      ms: (ms as number | undefined) ?? DEFAULT_DELAY_MS,
    };
    this.faults.push(fault);
    return fault;
  }

  /** Consumes and returns the first armed fault of one of `kinds` that matches `path`. */
  take(path: string, kinds: readonly FaultKind[]): Fault | undefined {
    const fault = this.faults.find((f) => kinds.includes(f.kind) && (f.path === '*' || f.path === path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}
