import pino, { type Logger } from 'pino';
import type { Config } from '@qixue/config';

/** JSON logs; secrets that could ride on objects we log are redacted. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    redact: ['*.access_token', '*.suite_access_token', '*.token', '*.secret', '*.password', '*.authorization', 'headers.authorization'],
  });
}
