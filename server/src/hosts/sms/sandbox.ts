/**
 * The sandbox SMS provider: nothing leaves the machine; messages wait in an outbox that tests and
 * the sandbox's development endpoint read (`GET /dev/sms?phone=…`). One outbox per process, so an
 * in-process sandbox sees what Qixue sent.
 */
import type { SmsMessage, SmsProvider } from './provider';

export interface SentSms extends SmsMessage {
  sentAt: string;
}

const OUTBOX_LIMIT = 10_000;
const outbox: SentSms[] = [];

export const sandboxSmsOutbox = {
  /** Messages sent to a phone, oldest first. */
  to(phone: string): SentSms[] {
    return outbox.filter((m) => m.phone === phone);
  },
  /** The code of the latest verification SMS to a phone. */
  lastCode(phone: string): string | undefined {
    return this.to(phone).filter((m) => m.template === 'verification_code').at(-1)?.params.code;
  },
  all(): readonly SentSms[] {
    return outbox;
  },
};

export class SandboxSmsProvider implements SmsProvider {
  readonly name = 'sandbox';

  async send(message: SmsMessage): Promise<void> {
    outbox.push({ ...message, sentAt: new Date().toISOString() });
    if (outbox.length > OUTBOX_LIMIT) outbox.splice(0, outbox.length - OUTBOX_LIMIT);
  }
}
