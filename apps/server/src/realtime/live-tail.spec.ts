import { describe, expect, it } from '@jest/globals';
import type { LoggedEvent } from './live-events.js';
import { LiveTail, type TailSource } from './live-tail.js';

const event = (seq: number): LoggedEvent => ({
  seq,
  event: 'presence.changed',
  payload: { seq, userId: 'u', presence: 'online', reason: null },
  rooms: ['user:u'],
});

/** A log in memory; `reads` counts the queries. */
function memoryLog(head = 0) {
  const rows: LoggedEvent[] = [];
  const source: TailSource & { reads: number } = {
    reads: 0,
    head: () => Promise.resolve(rows.length ? rows[rows.length - 1].seq : head),
    readAfter(seq, limit) {
      source.reads++;
      return Promise.resolve(rows.filter((r) => r.seq > seq).slice(0, limit));
    },
  };
  return { rows, source };
}

function tailOf(source: TailSource) {
  const delivered: number[] = [];
  const errors: unknown[] = [];
  const tail = new LiveTail(
    source,
    (e) => delivered.push(e.seq),
    (error) => errors.push(error),
  );
  return { tail, delivered, errors };
}

describe('LiveTail', () => {
  it('hands over its own events without reading when they follow on from what it has handed over', async () => {
    const { rows, source } = memoryLog(10);
    const { tail, delivered } = tailOf(source);
    await tail.start();
    rows.push(event(11), event(12));
    await tail.appended(10, [event(11), event(12)]);
    expect(delivered).toEqual([11, 12]);
    expect(source.reads).toBe(0);
  });

  it('reads the log first when another process wrote in between, so the order stays the log’s', async () => {
    const { rows, source } = memoryLog(10);
    const { tail, delivered } = tailOf(source);
    await tail.start();
    rows.push(event(11), event(12), event(13));
    // This process wrote 13; 11 and 12 came from another one and their doorbell has not rung yet.
    await tail.appended(12, [event(13)]);
    expect(delivered).toEqual([11, 12, 13]);
    // The late doorbell finds nothing new.
    await tail.wake(12);
    await tail.wake();
    expect(delivered).toEqual([11, 12, 13]);
  });

  it('skips its own batch when a read has already handed it over', async () => {
    const { rows, source } = memoryLog(0);
    const { tail, delivered } = tailOf(source);
    await tail.start();
    rows.push(event(1), event(2));
    await tail.wake(2);
    await tail.appended(0, [event(1), event(2)]);
    expect(delivered).toEqual([1, 2]);
  });

  it('reads in pages until it has caught up, and tolerates holes left by failed appends', async () => {
    const { rows, source } = memoryLog(0);
    const { tail, delivered } = tailOf(source);
    await tail.start();
    for (let seq = 1; seq <= 1200; seq++) if (seq !== 700) rows.push(event(seq));
    await tail.wake();
    expect(delivered).toHaveLength(1199);
    expect(delivered[delivered.length - 1]).toBe(1200);
    expect(delivered.every((seq, i) => i === 0 || seq > delivered[i - 1])).toBe(true);
  });

  it('keeps its place when a read fails, and goes on from there next time', async () => {
    const { rows, source } = memoryLog(0);
    const { tail, delivered, errors } = tailOf(source);
    await tail.start();
    rows.push(event(1));
    const readAfter = source.readAfter;
    source.readAfter = () => Promise.reject(new Error('database gone'));
    await tail.wake();
    expect(errors).toHaveLength(1);
    source.readAfter = readAfter;
    rows.push(event(2));
    await tail.wake();
    expect(delivered).toEqual([1, 2]);
  });

  it('ignores events from before it started: they were for sockets it never had', async () => {
    const { rows, source } = memoryLog(0);
    rows.push(event(1), event(2));
    const { tail, delivered } = tailOf(source);
    await tail.start();
    await tail.wake();
    expect(delivered).toEqual([]);
    expect(tail.handedOver).toBe(2);
  });
});
