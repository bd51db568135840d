import { z } from 'zod';
import { pageQuery } from '../../core/pagination';
import { httpUrl } from '../../core/input-fields';
import { PASSWORD_RULE } from '../../core/auth/phone-login';

/** Mainland China mobile number; "+86 138 0013 8000" and "8613800138000" are accepted and normalised. */
export const phone = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, 'must be a mainland China mobile number (11 digits)'));

const code = z.string().trim().min(1).max(512);
const deviceId = z.string().trim().min(8).max(64);
const tenantId = z.string().min(1).max(64);
const password = z.string().regex(PASSWORD_RULE, '8–64 characters with at least one letter and one digit');

export const wecomMiniprogramBody = z.object({ code, deviceId: deviceId.optional() });
export const wecomOauthBody = z.object({ code, deviceId: deviceId.optional() });
export const oauthUrlQuery = z.object({
  redirectUri: httpUrl(1000),
  state: z.string().max(128).regex(/^[\w-]*$/).optional(),
  scope: z.enum(['snsapi_base', 'snsapi_privateinfo']).default('snsapi_base'),
});
export const adminSsoBody = z.object({ authCode: code });
export const wechatBody = z.object({ code, phoneCode: code.optional(), tenantId: tenantId.optional(), deviceId: deviceId.optional() });

export const smsCodeBody = z.object({ phone, purpose: z.enum(['login', 'reset_password', 'new_device']) });
export const smsLoginBody = z.object({ phone, code: z.string().regex(/^\d{6}$/), tenantId: tenantId.optional(), deviceId: deviceId.optional() });
export const passwordLoginBody = z.object({
  phone,
  password: z.string().min(1).max(128),
  deviceId,
  smsCode: z.string().regex(/^\d{6}$/).optional(),
  tenantId: tenantId.optional(),
});
export const resetPasswordBody = z.object({ phone, code: z.string().regex(/^\d{6}$/), password, tenantId: tenantId.optional(), deviceId: deviceId.optional() });
export const changePasswordBody = z.object({ code: z.string().regex(/^\d{6}$/), password, deviceId: deviceId.optional() });

export const loginsQuery = pageQuery;
export const idParams = z.object({ id: z.string().min(1).max(64) });

export const createInvitationBody = z.object({
  phone,
  name: z.string().trim().min(1).max(100),
  role: z.enum(['member', 'admin']).default('member'),
  validDays: z.coerce.number().int().min(1).max(30).default(7),
});
export const listInvitationsQuery = pageQuery.extend({ status: z.enum(['pending', 'accepted', 'revoked']).optional() });
