/** One platform API call the simulator received, as the control API and tests see it. */
export interface CallRecord {
  seq: number;
  /** Simulator-clock time in ms since the epoch. */
  at: number;
  platform: 'oa' | 'wecom';
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  response: unknown;
  /** Set when a fault from /sim/faults shaped this answer. */
  fault?: string;
}

const DEFAULT_CAPACITY = 20_000;

/** Every call to the OA and WeCom APIs, in order; the oldest are dropped past `capacity`. */
export class CallLog {
  private records: CallRecord[] = [];
  private nextSeq = 1;

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  record(entry: Omit<CallRecord, 'seq'>): CallRecord {
    const record: CallRecord = { seq: this.nextSeq++, ...entry };
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
    return record;
  }

  since(seq = 0, filter: { path?: string; platform?: string } = {}): CallRecord[] {
    return this.records.filter(
      (r) =>
        r.seq > seq &&
        (filter.path === undefined || r.path === filter.path) &&
        (filter.platform === undefined || r.platform === filter.platform),
    );
  }

  lastSeq(): number {
    return this.nextSeq - 1;
  }

  clear(): void {
    this.records = [];
  }
}
