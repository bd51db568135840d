/**
 * Sign-in. In production the host decides who you are (WeCom mini-program login, WeCom OAuth,
 * admin-console SSO); in development the sandbox stands in for the host and lists demo people.
 * Every path ends with `{ token, member, tenant }` from the server.
 */
import { http, request } from './http';
import { clearSession, deviceId, saveSession, type Profile } from './session';

export interface LoginAnswer extends Profile {
  token: string;
}

function keep(answer: LoginAnswer): LoginAnswer {
  saveSession(answer.token, { member: answer.member, tenant: answer.tenant });
  return answer;
}

export const signInWithMiniprogramCode = (code: string, host: string) =>
  http
    .post<LoginAnswer>(host === 'wxwork' ? '/api/v1/auth/wecom/miniprogram' : '/api/v1/auth/wechat', { code, deviceId: deviceId() }, { anonymous: true })
    .then(keep);

/** WeChat, first sign-in of an invited person: a fresh login code plus the phone number they share. */
export const signInWithWechatPhone = (code: string, phoneCode: string, tenantId?: string) =>
  http.post<LoginAnswer>('/api/v1/auth/wechat', { code, phoneCode, tenantId, deviceId: deviceId() }, { anonymous: true }).then(keep);

export type CodePurpose = 'login' | 'reset_password' | 'new_device';

/** Asks for an SMS code; the server answers the same whether or not the number is known. */
export const sendSmsCode = (phone: string, purpose: CodePurpose) => http.post<{ sent: true }>('/api/v1/auth/sms-code', { phone, purpose }, { anonymous: true });

export const signInWithSms = (phone: string, code: string, tenantId?: string) =>
  http.post<LoginAnswer>('/api/v1/auth/sms', { phone, code, tenantId, deviceId: deviceId() }, { anonymous: true }).then(keep);

/** Phone + password; on a new device the server asks for an SMS code too (sent as `smsCode`). */
export const signInWithPassword = (phone: string, password: string, extra: { smsCode?: string; tenantId?: string } = {}) =>
  http.post<LoginAnswer>('/api/v1/auth/password', { phone, password, deviceId: deviceId(), ...extra }, { anonymous: true }).then(keep);

export const resetPassword = (phone: string, code: string, password: string, tenantId?: string) =>
  http.post<void>('/api/v1/auth/password/reset', { phone, code, password, tenantId, deviceId: deviceId() }, { anonymous: true });

/** A frozen account comes back with its password and an SMS code (purpose "login"), and is signed in. */
export const unfreeze = (phone: string, password: string, code: string, tenantId?: string) =>
  http.post<LoginAnswer>('/api/v1/auth/unfreeze', { phone, password, code, tenantId, deviceId: deviceId() }, { anonymous: true }).then(keep);

export const signInWithOauthCode = (code: string) =>
  http.post<LoginAnswer>('/api/v1/auth/wecom/oauth', { code }, { anonymous: true }).then(keep);

export const signInWithAdminSso = (authCode: string) =>
  http.post<LoginAnswer>('/api/v1/auth/wecom/admin-sso', { authCode }, { anonymous: true }).then(keep);

/** Where to send the browser for WeCom OAuth (the server builds the host's URL). */
export const oauthUrl = (redirectUri: string) =>
  http.get<{ url: string }>('/api/v1/auth/wecom/oauth-url', { redirectUri, state: 'qixue' }).then((r) => r.url);

export interface DemoPerson {
  corpId: string;
  tenantName?: string;
  hostUserId: string;
  label: string;
  role: 'member' | 'admin' | string;
  department?: string;
}

/** The local sandbox's demo people (development only: the server answers 404 in production). */
export const sandboxPeople = () => request<{ items: DemoPerson[] }>('GET', '/dev/sandbox/people', { anonymous: true });

/**
 * Asks the sandbox (standing in for WeCom) for the one-time code WeCom would hand the app —
 * an OAuth code for an employee, an admin-console login code for an admin — then signs in with
 * it through the real login path.
 */
export async function sandboxSignIn(person: DemoPerson): Promise<LoginAnswer> {
  const body = { corpId: person.corpId, userid: person.hostUserId };
  if (person.role === 'admin') {
    const { authCode } = await request<{ authCode: string }>('POST', '/dev/sandbox/login-code', { anonymous: true, body: { ...body, kind: 'admin' } });
    return signInWithAdminSso(authCode);
  }
  const { code } = await request<{ code: string }>('POST', '/dev/sandbox/login-code', { anonymous: true, body: { ...body, kind: 'oauth' } });
  return signInWithOauthCode(code);
}

export const me = () => http.get<Profile>('/api/v1/me');

export async function signOut(): Promise<void> {
  try {
    await http.del('/api/v1/session');
  } finally {
    clearSession();
  }
}
