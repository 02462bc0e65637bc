import { performance } from 'node:perf_hooks';
import { openDatabase, type Database } from '../../apps/server/src/database/open-database.js';
import { EventLogRepository } from '../../apps/server/src/realtime/event-log.repository.js';
import { EventLogWriter } from '../../apps/server/src/realtime/event-log-writer.js';
import type { LiveDelivery } from '../../apps/server/src/realtime/live-delivery.service.js';
import type { LiveEvent } from '../../apps/server/src/realtime/live-events.js';

export interface CapacityResult {
  /** One event per append, one after the other: what the serialized section allows without batching. */
  unbatchedPerSecond: number;
  /** Events appended through the batching writer, by `writers` processes at once. */
  batched: Array<{ processes: number; events: number; seconds: number; perSecond: number; appends: number }>;
}

/** A conversation.updated-sized event (about 1 KB of JSON), addressed like the real ones. */
function sampleEvent(n: number): LiveEvent {
  return {
    event: 'message.created',
    payload: {
      conversationId: '0b7d3c1e-5f7a-4c55-9f0e-0c6a3d2b1a90',
      message: {
        id: `m-${n}`,
        conversationId: '0b7d3c1e-5f7a-4c55-9f0e-0c6a3d2b1a90',
        direction: 'inbound',
        type: 'text',
        text: '您好，我想查一下订单的物流，订单号是 20240611-0042，谢谢！'.repeat(4),
        senderAgentId: null,
        senderName: null,
        deliveryState: 'received',
        failureReason: null,
        attempts: 0,
        retries: 0,
        createdAt: new Date().toISOString(),
      },
    } as never,
    rooms: [
      'channel:8f7c2a4e-1d3b-4e5f-8a9b-0c1d2e3f4a5b',
      'channels:all',
      'conversation:0b7d3c1e-5f7a-4c55-9f0e-0c6a3d2b1a90',
    ],
  };
}

const handedOver = { origin: 'bench', appended: () => Promise.resolve() } as unknown as LiveDelivery;

/**
 * The event log's serialized append, on the bench database directly: one event per append (the ceiling
 * without batching: one lock hold and one WAL flush each), then the server's batching writer fed as fast as
 * callbacks could, from one and from two processes (connection pools) at once.
 */
export async function eventLogCapacity(databaseUrl: string): Promise<CapacityResult> {
  const processes: Database[] = [];
  try {
    for (let i = 0; i < 2; i++) processes.push(await openDatabase({ databaseUrl, dataDir: '' }));
    const repository = new EventLogRepository(processes[0].dataSource);
    let unbatched = 0;
    const until = performance.now() + 3000;
    const started = performance.now();
    while (performance.now() < until) {
      await repository.append([sampleEvent(unbatched++)], 'bench');
    }
    const unbatchedPerSecond = unbatched / ((performance.now() - started) / 1000);

    const batched: CapacityResult['batched'] = [];
    for (const count of [1, 2]) {
      const writers = processes.slice(0, count).map((db) => {
        const log = new EventLogRepository(db.dataSource);
        let appends = 0;
        const counting = Object.assign(Object.create(log) as EventLogRepository, {
          append: (batch: LiveEvent[], origin: string) => {
            appends++;
            return log.append(batch, origin);
          },
        });
        return { writer: new EventLogWriter(counting, handedOver), appends: () => appends };
      });
      const events = 20_000 * count;
      const begin = performance.now();
      // Two events per callback, as an inbound message makes, in bursts of 50 callbacks per tick.
      await Promise.all(
        writers.map(async ({ writer }) => {
          for (let n = 0; n < events / count; n += 100) {
            for (let i = 0; i < 100; i++) writer.append(sampleEvent(n + i));
            await new Promise((resolve) => setImmediate(resolve));
          }
          await writer.drained();
        }),
      );
      const seconds = (performance.now() - begin) / 1000;
      batched.push({
        processes: count,
        events,
        seconds,
        perSecond: events / seconds,
        appends: writers.reduce((sum, w) => sum + w.appends(), 0),
      });
    }
    return { unbatchedPerSecond, batched };
  } finally {
    await Promise.all(processes.map((db) => db.close()));
  }
}
