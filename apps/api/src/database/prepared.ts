import type { Pool, PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * A statement PostgreSQL parses and plans once per connection (a named prepared statement of `pg`), for the hot
 * requests: TypeORM's `query()` sends every statement unnamed, so PostgreSQL plans it again on every call, which
 * for the plan document costs more than running it. `name` must be unique per `text` (pg refuses a name reused
 * with other text). Inside a transaction it runs on the transaction's connection.
 */
export async function preparedQuery<T>(
  manager: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner as PostgresQueryRunner | undefined;
  const client: Pool | PoolClient =
    runner && !runner.isReleased
      ? ((await runner.connect()) as PoolClient)
      : ((manager.connection.driver as PostgresDriver).master as Pool);
  const result = await client.query({ name, text, values });
  return result.rows as T[];
}
