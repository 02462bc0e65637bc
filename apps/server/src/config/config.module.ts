import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './app-config.js';
import { resolveMasterKey } from './master-key.js';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const MASTER_KEY = Symbol('MASTER_KEY');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: MASTER_KEY, useFactory: () => resolveMasterKey(config) },
      ],
      exports: [APP_CONFIG, MASTER_KEY],
    };
  }
}
