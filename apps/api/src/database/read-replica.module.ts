import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';
import { dataSourceOptions } from './data-source';

/**
 * The DataSource for read-only dashboard queries (`@Inject(READ_DATA_SOURCE)`): a PostgreSQL streaming replica
 * when DATABASE_READ_URL is set, else the app's own DataSource. Replica sessions are read-only, so a write that
 * slips in fails instead of silently going to the wrong server. Replicas lag a little (usually well under a
 * second): use it only for aggregates, never to read back what a request just wrote.
 */
export const READ_DATA_SOURCE = Symbol('READ_DATA_SOURCE');

@Injectable()
class ReadReplica implements OnApplicationShutdown {
  readonly dataSource: DataSource | null;

  constructor(@Inject(ENV) env: Env) {
    const url = env.DATABASE_READ_URL;
    this.dataSource = url
      ? new DataSource({
          ...dataSourceOptions(url),
          migrations: [],
          extra: { max: 10, application_name: 'gezinsplan-read', options: '-c default_transaction_read_only=on' },
        })
      : null;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
  }
}

@Global()
@Module({
  providers: [
    ReadReplica,
    {
      provide: READ_DATA_SOURCE,
      inject: [ReadReplica, getDataSourceToken()],
      useFactory: async (replica: ReadReplica, primary: DataSource) =>
        replica.dataSource ? replica.dataSource.initialize() : primary,
    },
  ],
  exports: [READ_DATA_SOURCE],
})
export class ReadReplicaModule {}
