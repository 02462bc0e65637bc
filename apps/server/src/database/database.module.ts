import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BatchTransactions } from './batch-transactions.js';
import type { Database } from './open-database.js';

const DATABASE = Symbol('DATABASE');

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** The database is opened (and migrated) before Nest starts, so boot fails early with a clear error. */
  static forDatabase(database: Database): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE, useValue: database },
        { provide: DataSource, useValue: database.dataSource },
        { provide: BatchTransactions, useValue: database.batchTransactions },
      ],
      exports: [DataSource, BatchTransactions],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
