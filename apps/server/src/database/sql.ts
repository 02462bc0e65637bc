import type { EntityManager } from 'typeorm';

/**
 * A transaction whose statements may be sent before the previous ones are answered (see
 * `batch-transactions.ts`): `rows()` must be called without awaiting anything first, so that the statements
 * of one stage go out together, in the order they were issued.
 */
export interface SqlSession {
  readonly sqlSession: true;
  rows<T>(sql: string, params: unknown[]): Promise<T[]>;
}

/** Where a repository method runs its SQL: TypeORM's manager (its transaction, if any) or a batch's session. */
export type SqlExecutor = EntityManager | SqlSession;

/**
 * Runs SQL and returns its rows, whatever the statement (TypeORM's `query()` returns `[rows, count]` for
 * UPDATE/DELETE but plain rows for SELECT/INSERT). Uses the manager's transaction when it has one.
 */
export async function sqlRows<T>(executor: SqlExecutor, sql: string, params: unknown[] = []): Promise<T[]> {
  if ('sqlSession' in executor) return executor.rows<T>(sql, params);
  const manager = executor;
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return (result.records ?? []) as T[];
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

export async function sqlRow<T>(
  executor: SqlExecutor,
  sql: string,
  params: unknown[] = [],
): Promise<T | null> {
  const rows = await sqlRows<T>(executor, sql, params);
  return rows[0] ?? null;
}
