/**
 * What the sign-in page does next after the server refused a phone sign-in: the server's error
 * code decides (never its message). Kept tolerant: whatever the server asks for — an SMS code for
 * a new device, a choice of enterprise, unfreezing, the WeChat phone number — gets its step, and
 * anything else is shown as the server's message.
 */
import { ApiError, displayMessage } from './api-error';

export interface TenantChoice {
  id: string;
  name: string;
}

export type NextStep =
  | { kind: 'device'; purpose: 'new_device' | 'login'; message: string }
  | { kind: 'tenant'; tenants: TenantChoice[]; message: string }
  | { kind: 'frozen'; message: string }
  | { kind: 'wechat-phone'; message: string }
  | { kind: 'error'; message: string };

export function nextStep(err: unknown): NextStep {
  const message = displayMessage(err);
  if (!(err instanceof ApiError)) return { kind: 'error', message };
  const details = (err.details && typeof err.details === 'object' ? err.details : {}) as Record<string, unknown>;
  switch (err.code) {
    case 'device_verification_required':
      return { kind: 'device', purpose: details.codePurpose === 'login' ? 'login' : 'new_device', message: '这是一台新设备：请输入发送到手机的验证码' };
    case 'tenant_required': {
      const tenants = Array.isArray(details.tenants)
        ? (details.tenants as Array<Record<string, unknown>>).filter((t) => typeof t.id === 'string').map((t) => ({ id: String(t.id), name: String(t.name ?? '未命名企业') }))
        : [];
      return tenants.length ? { kind: 'tenant', tenants, message: '该手机号属于多个企业，请选择要登录的企业' } : { kind: 'error', message };
    }
    case 'account_frozen':
      return { kind: 'frozen', message: '账号因长期未使用已冻结：输入密码和短信验证码即可解冻并登录' };
    case 'phone_required':
      return { kind: 'wechat-phone', message: '首次登录请授权手机号，以确认你受邀加入的企业' };
    default:
      return { kind: 'error', message };
  }
}

/** Mainland mobile number as the server accepts it ("+86 138 0013 8000" → "13800138000"), or null. */
export function normalizePhone(input: string): string | null {
  const v = input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(v) ? v : null;
}

export const isSmsCode = (code: string) => /^\d{6}$/.test(code.trim());

/** The server's password rule, said in words when it is not met (null: fine). */
export function passwordProblem(password: string): string | null {
  if (password.length < 8 || password.length > 64) return '密码需 8–64 位';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码需同时包含字母和数字';
  return null;
}
