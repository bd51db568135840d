import type { Config } from '@qixue/config';
import type { SmsProvider } from './provider';
import { SandboxSmsProvider } from './sandbox';

export type { SmsProvider, SmsMessage } from './provider';

/** The SMS provider for this configuration. Only the sandbox exists so far: codes stay readable locally. */
export function createSmsProvider(_config: Config): SmsProvider {
  return new SandboxSmsProvider();
}
