import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import type { SqlSession } from './sql.js';

/**
 * One transaction of a group commit (see `conversations/inbound-group-commit.ts`): statements issued
 * together go to the database together. After a failed statement every later one fails too (the
 * transaction is aborted), and `commit()` throws: the caller rolls back and decides what to retry.
 */
export interface BatchTransaction extends SqlSession {
  /** Throws when any statement failed or the database rolled back; the caller then calls `rollback()`. */
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** Opens batch transactions; `concurrency` is how many may be in flight at once. */
export abstract class BatchTransactions {
  abstract readonly concurrency: number;
  abstract begin(): Promise<BatchTransaction>;
  abstract close(): Promise<void>;
}

/**
 * PostgreSQL over `pg` in pipeline mode, on a small pool of its own: the statements of a stage (BEGIN and
 * the contacts, the messages, the log entries and COMMIT) are written to the socket in one go and answered
 * in one go, instead of one round trip each through TypeORM's query runner.
 */
export class PipelinedPgTransactions extends BatchTransactions {
  private readonly logger = new Logger('BatchTransactions');
  private readonly pool: pg.Pool;

  constructor(
    connectionString: string,
    readonly concurrency = 3,
  ) {
    super();
    this.pool = new pg.Pool({
      connectionString,
      max: concurrency,
      pipeline: true,
      application_name: 'wechat-support-desk',
    });
    // An idle client losing its connection (a PostgreSQL restart) must not crash the process.
    this.pool.on('error', (error) => this.logger.warn(`Idle batch connection lost: ${error.message}`));
  }

  async begin(): Promise<BatchTransaction> {
    const client = await this.pool.connect();
    return new PipelinedPgTransaction(client);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** The batch's statements are few and fixed (the repositories' text): each is prepared once per connection. */
const MAX_PREPARED = 64;
const preparedNames = new Map<string, string>();

function preparedName(sql: string): string | undefined {
  let name = preparedNames.get(sql);
  if (!name && preparedNames.size < MAX_PREPARED) {
    name = `desk_batch_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    preparedNames.set(sql, name);
  }
  return name;
}

class PipelinedPgTransaction implements BatchTransaction {
  readonly sqlSession = true as const;
  private failure: unknown = null;
  private finished = false;
  private corked = false;
  /** Not awaited: BEGIN goes out in the first stage's write, with its statements. */
  private begun: Promise<unknown> | null = null;

  constructor(private readonly client: pg.PoolClient) {}

  rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    if (this.finished) return Promise.reject(new Error('A statement was issued after its batch ended'));
    this.corkUntilNextTick();
    this.begun ??= this.track(this.client.query('BEGIN'));
    const query = this.client.query({ name: preparedName(sql), text: sql, values: params });
    return this.track(query).then((result) => result.rows as T[]);
  }

  /**
   * The statements a stage issues in one synchronous run go out in one socket write (not one each): the
   * write is held until the run ends. `connection.stream` is pg's socket (it corks each query the same way).
   */
  private corkUntilNextTick(): void {
    if (this.corked) return;
    const stream = (
      this.client as unknown as {
        connection: { stream: NodeJS.WritableStream & Partial<{ cork(): void; uncork(): void }> };
      }
    ).connection.stream;
    if (!stream.cork || !stream.uncork) return;
    this.corked = true;
    stream.cork();
    process.nextTick(() => {
      this.corked = false;
      stream.uncork!();
    });
  }

  async commit(): Promise<void> {
    const committed = this.finish(this.client.query('COMMIT'));
    // If BEGIN failed, the statements ran on their own: that is a broken connection, where all of them fail.
    await this.begun?.catch(() => undefined);
    const result = await committed;
    if (this.failure) throw this.failure;
    // COMMIT of an aborted transaction rolls it back and says so, without an error.
    if (result.command !== 'COMMIT') throw new Error(`The batch was rolled back (${result.command})`);
    this.client.release();
  }

  async rollback(): Promise<void> {
    this.finished = true;
    try {
      await this.client.query('ROLLBACK');
      // After a failed statement pg's record of the connection's prepared statements may be wrong (it
      // forgets a statement whose Parse succeeded but whose execution failed): start afresh.
      this.client.release(this.failure ? new Error('A statement of the batch failed') : undefined);
    } catch (error) {
      // The connection is unusable (or the server is gone): drop it from the pool.
      this.client.release(error as Error);
    }
  }

  private finish(commit: Promise<pg.QueryResult>): Promise<pg.QueryResult> {
    this.finished = true;
    return commit;
  }

  private track<R>(query: Promise<R>): Promise<R> {
    return query.catch((error: unknown) => {
      this.failure ??= error;
      throw error;
    });
  }
}

/**
 * The fallback, through TypeORM's query runner (the embedded PGlite, which has one session): the same
 * contract, the statements sent one after the other.
 */
export class SerialTransactions extends BatchTransactions {
  readonly concurrency = 1;

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async begin(): Promise<BatchTransaction> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
    } catch (error) {
      await runner.release();
      throw error;
    }
    return new SerialTransaction(runner);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

class SerialTransaction implements BatchTransaction {
  readonly sqlSession = true as const;
  private tail: Promise<unknown> = Promise.resolve();
  private failure: unknown = null;
  private finished = false;

  constructor(private readonly runner: QueryRunner) {}

  rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    if (this.finished) return Promise.reject(new Error('A statement was issued after its batch ended'));
    const result = this.tail.then(async () => {
      const answer = await this.runner.query(sql, params, true);
      return (answer.records ?? []) as T[];
    });
    this.tail = result.catch((error: unknown) => {
      this.failure ??= error;
    });
    return result;
  }

  async commit(): Promise<void> {
    this.finished = true;
    await this.tail;
    if (this.failure) throw this.failure;
    await this.runner.commitTransaction();
    await this.runner.release();
  }

  async rollback(): Promise<void> {
    this.finished = true;
    await this.tail;
    try {
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
    } finally {
      await this.runner.release();
    }
  }
}
