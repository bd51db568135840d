/** Builds the dependencies every entry point shares: config → logger → database (migrated). */
import type { Config } from '@qixue/config';
import type { Logger } from 'pino';
import type { AppDeps } from './core/context';
import { createLogger } from './core/logger';
import { FieldCipher } from './core/field-cipher';
import { databaseOptions, openDatabase } from './db/client';
import { migrate } from './db/migrate';

export async function bootstrap(config: Config, logger: Logger = createLogger(config)): Promise<AppDeps> {
  const db = await openDatabase(databaseOptions(config));
  const applied = await migrate(db);
  if (applied) logger.info({ applied, dialect: db.dialect.name }, 'database migrated');
  return { config, db, logger, cipher: new FieldCipher(config.SECRET_KEY) };
}
