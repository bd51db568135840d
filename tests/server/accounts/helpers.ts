/** Helpers for the account tests: people with phone numbers, SMS codes from the sandbox outbox. */
import { randomInt } from 'node:crypto';
import { sandboxSmsOutbox } from '../../../server/src/hosts/sms/sandbox';
import type { TestApp } from '../../support/test-app';

/** A fresh mainland mobile number per call, so tests never share rate-limit counters. */
export const newPhone = () => `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
export const newDevice = () => `device-${randomInt(0, 1e9)}-${Date.now()}`;

export async function addPhoneMember(
  t: TestApp,
  tenantId: string,
  phone: string,
  overrides: { role?: 'member' | 'admin'; status?: 'active' | 'left' | 'frozen' | 'cancelled'; name?: string } = {},
) {
  const { cipher, db } = t.deps;
  return db.prisma.member.create({
    data: {
      tenantId, name: overrides.name ?? '访客', phoneCipher: cipher.encrypt(phone), phoneHash: cipher.lookupHash(phone),
      role: overrides.role ?? 'member', status: overrides.status ?? 'active',
    },
    select: { id: true, tenantId: true },
  });
}

export async function smsCode(t: TestApp, phone: string, purpose: 'login' | 'reset_password' | 'new_device'): Promise<string> {
  const before = sandboxSmsOutbox.to(phone).length;
  await t.http.post('/api/v1/auth/sms-code').send({ phone, purpose }).expect(202);
  const sent = sandboxSmsOutbox.to(phone);
  if (sent.length !== before + 1) throw new Error(`no SMS was sent to ${phone}`);
  return sent.at(-1)!.params.code;
}

/** Lets a phone ask for another code now (the 1/minute limit is per window). */
export async function allowAnotherCode(t: TestApp, phone: string) {
  await t.deps.db.prisma.rateCounter.deleteMany({ where: { key: { startsWith: `sms:phone:${t.deps.cipher.lookupHash(phone)}` } } });
}
