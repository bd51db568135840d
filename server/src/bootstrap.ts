/**
 * Builds the dependencies every entry point shares: config → logger → database (migrated) → services.
 * main.ts and the tests both go through buildDeps, so a new service is wired in one place.
 */
import type { Config } from '@qixue/config';
import type { Logger } from 'pino';
import type { AppDeps } from './core/context';
import { createLogger } from './core/logger';
import { FieldCipher } from './core/field-cipher';
import { databaseOptions, openDatabase, type Database } from './db/client';
import { migrate } from './db/migrate';
import { JobQueue } from './jobs/queue';
import { registerJobHandlers } from './jobs/handlers';
import { createWecomClient } from './hosts/wecom';
import { createSmsProvider } from './hosts/sms';
import { createWechatClient } from './hosts/wechat';
import { Messenger } from './hosts/wecom/messages';
import { registerLearningRecords } from './modules/xapi/learning-events';

export function buildDeps(config: Config, db: Database, logger: Logger): AppDeps {
  const deps: AppDeps = {
    config,
    db,
    logger,
    cipher: new FieldCipher(config.SECRET_KEY),
    jobs: new JobQueue(db.prisma, logger),
    wecom: createWecomClient(config, db, logger),
    sms: createSmsProvider(config),
    wechat: createWechatClient(config, logger),
    messenger: new Messenger(() => deps),
  };
  registerJobHandlers(deps);
  registerLearningRecords(deps);
  return deps;
}

export async function bootstrap(config: Config, logger: Logger = createLogger(config)): Promise<AppDeps> {
  const db = await openDatabase(databaseOptions(config));
  const applied = await migrate(db);
  if (applied) logger.info({ applied, dialect: db.dialect.name }, 'database migrated');
  return buildDeps(config, db, logger);
}
