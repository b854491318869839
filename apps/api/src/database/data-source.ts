import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@gezinsplan/migrations';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './naming.strategy';

/** DATABASE_POOL_SIZE (validated with the rest of the configuration in config/env.ts), default 10. */
export const DEFAULT_POOL_SIZE = 10;
function poolSize(): number {
  const n = Number(process.env['DATABASE_POOL_SIZE']);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_POOL_SIZE;
}

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    extra: { max: poolSize(), application_name: 'gezinsplan' },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}

/**
 * SQL that would bring the database in line with the entities. Empty when migrations and entities agree;
 * the drift test and `db:generate` both use it.
 */
export async function pendingSchemaChanges(ds: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await ds.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((q) => q.query),
    down: log.downQueries.map((q) => q.query),
  };
}
