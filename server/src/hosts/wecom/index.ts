/** Builds the WeCom client from configuration: real hosts and the sandbox differ only in the base URL. */
import type { Config } from '@qixue/config';
import type { Logger } from 'pino';
import type { Database } from '../../db/client';
import { FieldCipher } from '../../core/field-cipher';
import { WecomClient } from './client';

/** Before main.ts starts the in-process sandbox and sets WECOM_API_BASE, calls go nowhere. */
export const NO_HOST = 'http://127.0.0.1:9';

export function createWecomClient(config: Config, db: Database, logger: Logger): WecomClient {
  return new WecomClient({
    baseUrl: config.WECOM_API_BASE ?? NO_HOST,
    noHost: !config.WECOM_API_BASE,
    suiteId: config.WECOM_SUITE_ID,
    suiteSecret: config.WECOM_SUITE_SECRET,
    providerCorpId: config.WECOM_PROVIDER_CORP_ID,
    providerSecret: config.WECOM_PROVIDER_SECRET,
    db,
    cipher: new FieldCipher(config.SECRET_KEY),
    logger,
  });
}
