import { z } from 'zod';
import { pageQuery } from '../../core/pagination';
import { phone } from '../accounts/schema';
import { isValidIdNumber, normalizeIdNumber } from './id-number';

const days = z.number().int().min(30).max(3650);
export const accountPolicyBody = z
  .object({
    freezeAfterDays: days, retentionDays: days, requireRealName: z.boolean(),
    selfCancellation: z.boolean(), blockOnOpenTasks: z.boolean(), recordRetentionDays: z.number().int().min(1095).max(10950),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to update');

const text = (max: number) => z.string().trim().min(1).max(max);
export const updateMeBody = z
  .object({
    name: text(100),
    realName: text(100),
    idNumber: z.string().transform(normalizeIdNumber).refine(isValidIdNumber, 'must be a valid 18-character resident ID number'),
    employer: text(200),
    region: text(100),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to update');

const smsCode = z.string().regex(/^\d{6}$/);
export const cancellationBody = z.object({ code: smsCode.optional() });
export const unfreezeBody = z.object({
  phone,
  password: z.string().min(1).max(128),
  code: smsCode,
  tenantId: z.string().min(1).max(64).optional(),
  deviceId: z.string().trim().min(8).max(64).optional(),
});

export const requestKind = z.enum(['access', 'correction', 'deletion', 'withdraw_consent', 'complaint', 'other']);
export const createRequestBody = z.object({ kind: requestKind, details: text(2000) });
export const listRequestsQuery = pageQuery.extend({
  status: z.enum(['open', 'answered', 'rejected']).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  tenantId: z.string().min(1).max(64).optional(),
});
export const answerRequestBody = z.object({ status: z.enum(['answered', 'rejected']), answer: text(5000) });
export const idParams = z.object({ id: z.string().min(1).max(64) });

export const phoneCodeBody = z.object({ phone });
export const changePhoneBody = z.object({ phone, code: smsCode, currentCode: smsCode.optional() });
export const staffPhoneParams = z.object({ tenantId: z.string().min(1).max(64), memberId: z.string().min(1).max(64) });
export const staffPhoneBody = z.object({ phone, reason: text(500) });
