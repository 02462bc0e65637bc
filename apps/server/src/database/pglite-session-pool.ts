import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';

/**
 * A pg-shaped pool over PGlite's single session, handed to TypeORM as the `driver` of `type: 'postgres'`.
 *
 * PGlite has exactly one session. `typeorm-pglite` lets every query runner share it, so concurrent
 * transactions interleave (duplicate SKIP LOCKED claims, a ROLLBACK erasing another request's rows).
 * Here `connect()` hands the session to one query runner at a time until it calls `release()`, which makes
 * PGlite behave like `pg.Pool({ max: 1 })`.
 */
export class PgliteSessionPool extends EventEmitter {
  private holder: PgliteClient | null = null;
  private readonly waiting: Array<{ grant: (client: PgliteClient) => void; timer: NodeJS.Timeout }> = [];
  private ended = false;

  constructor(
    private readonly db: PGlite,
    private readonly acquireTimeoutMs = 30_000,
  ) {
    super();
  }

  connect(): Promise<PgliteClient>;
  connect(
    callback: (err: Error | undefined, client?: PgliteClient, release?: (err?: unknown) => void) => void,
  ): void;
  connect(
    callback?: (err: Error | undefined, client?: PgliteClient, release?: (err?: unknown) => void) => void,
  ): Promise<PgliteClient> | void {
    const acquired = this.acquire();
    if (!callback) return acquired;
    acquired.then(
      (client) => callback(undefined, client, () => client.release()),
      (err: Error) => callback(err),
    );
  }

  async query(text: string, params?: unknown[]): Promise<PgQueryResult> {
    const client = await this.acquire();
    try {
      return await client.query(text, params);
    } finally {
      client.release();
    }
  }

  end(callback?: (err?: Error) => void): Promise<void> | void {
    this.ended = true;
    for (const waiter of this.waiting.splice(0)) clearTimeout(waiter.timer);
    if (callback) callback();
    else return Promise.resolve();
  }

  private acquire(): Promise<PgliteClient> {
    if (this.ended) return Promise.reject(new Error('The embedded database is closed'));
    if (!this.holder) {
      this.holder = new PgliteClient(this.db, () => this.handOver());
      return Promise.resolve(this.holder);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: resolve,
        timer: setTimeout(() => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(
            new Error(
              `Timed out after ${this.acquireTimeoutMs} ms waiting for the embedded database session ` +
                '(another transaction held it; a query outside the current transaction inside a transaction deadlocks)',
            ),
          );
        }, this.acquireTimeoutMs),
      };
      this.waiting.push(waiter);
    });
  }

  private handOver(): void {
    const next = this.waiting.shift();
    if (!next) {
      this.holder = null;
      return;
    }
    clearTimeout(next.timer);
    this.holder = new PgliteClient(this.db, () => this.handOver());
    next.grant(this.holder);
  }
}

export interface PgQueryResult {
  rows: Record<string, unknown>[];
  rowCount: number;
  command: string;
  fields: Array<{ name: string; dataTypeID: number }>;
}

/** What TypeORM's PostgresQueryRunner expects of a `pg` client. */
export class PgliteClient extends EventEmitter {
  private released = false;

  constructor(
    private readonly db: PGlite,
    private readonly onRelease: () => void,
  ) {
    super();
  }

  async query(text: string, params?: unknown[]): Promise<PgQueryResult> {
    if (this.released) throw new Error('This embedded database session was already released');
    const result = await this.db.query<Record<string, unknown>>(text, params as unknown[] | undefined);
    const command = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? '';
    return {
      rows: result.rows,
      rowCount: result.affectedRows ?? result.rows.length,
      command,
      fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    };
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.onRelease();
  }
}

/** The object TypeORM loads in place of the `pg` module. */
export function pgliteDriver(pool: PgliteSessionPool): { Pool: new () => PgliteSessionPool } {
  return {
    Pool: function Pool() {
      return pool;
    } as unknown as new () => PgliteSessionPool,
  };
}
