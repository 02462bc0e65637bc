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

class PipelinedPgTransaction implements BatchTransaction {
  readonly sqlSession = true as const;
  private failure: unknown = null;
  private finished = false;
  /** Not awaited: BEGIN goes out with the first stage's statements. */
  private readonly begun: Promise<unknown>;

  constructor(private readonly client: pg.PoolClient) {
    this.begun = this.track(client.query('BEGIN'));
  }

  rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    if (this.finished) return Promise.reject(new Error('A statement was issued after its batch ended'));
    return this.track(this.client.query(sql, params)).then((result) => result.rows as T[]);
  }

  async commit(): Promise<void> {
    const committed = this.finish(this.client.query('COMMIT'));
    // If BEGIN failed, the statements ran on their own: that is a broken connection, where all of them fail.
    await this.begun.catch(() => undefined);
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
      this.client.release();
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
