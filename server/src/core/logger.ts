import pino, { type Logger } from 'pino';
import type { Config } from '@qixue/config';

/**
 * JSON logs to stdout; secrets that could ride on objects we log are redacted. Lines are written
 * asynchronously (a crowd's access log goes out in a few writes, not one blocking write per
 * request); pino flushes what is buffered when the process exits.
 */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      redact: ['*.access_token', '*.suite_access_token', '*.token', '*.secret', '*.password', '*.authorization', 'headers.authorization'],
    },
    pino.destination({ dest: 1, sync: false }),
  );
}
