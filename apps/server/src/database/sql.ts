import type { EntityManager } from 'typeorm';

/**
 * Runs SQL and returns its rows, whatever the statement (TypeORM's `query()` returns `[rows, count]` for
 * UPDATE/DELETE but plain rows for SELECT/INSERT). Uses the manager's transaction when it has one.
 */
export async function sqlRows<T>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return (result.records ?? []) as T[];
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

export async function sqlRow<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T | null> {
  const rows = await sqlRows<T>(manager, sql, params);
  return rows[0] ?? null;
}
