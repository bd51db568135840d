/**
 * Sign-in. In production the host decides who you are (WeCom mini-program login, WeCom OAuth,
 * admin-console SSO); in development the sandbox stands in for the host and lists demo people.
 * Every path ends with `{ token, member, tenant }` from the server.
 */
import { http, request } from './http';
import { clearSession, saveSession, type Profile } from './session';

export interface LoginAnswer extends Profile {
  token: string;
}

function keep(answer: LoginAnswer): LoginAnswer {
  saveSession(answer.token, { member: answer.member, tenant: answer.tenant });
  return answer;
}

export const signInWithMiniprogramCode = (code: string, host: string) =>
  http
    .post<LoginAnswer>(host === 'wxwork' ? '/api/v1/auth/wecom/miniprogram' : '/api/v1/auth/wechat', { code }, { anonymous: true })
    .then(keep);

export const signInWithOauthCode = (code: string) =>
  http.post<LoginAnswer>('/api/v1/auth/wecom/oauth', { code }, { anonymous: true }).then(keep);

export const signInWithAdminSso = (authCode: string) =>
  http.post<LoginAnswer>('/api/v1/auth/wecom/admin-sso', { authCode }, { anonymous: true }).then(keep);

/** Where to send the browser for WeCom OAuth (the server builds the host's URL). */
export const oauthUrl = (redirectUri: string) =>
  http.get<{ url: string }>('/api/v1/auth/wecom/oauth-url', { redirectUri, state: 'qixue' }).then((r) => r.url);

export interface DemoPerson {
  hostUserId: string;
  label: string;
  role: 'member' | 'admin' | string;
  department?: string;
}

/** The sandbox's demo people (development only: the sandbox answers 404 in production). */
export const sandboxPeople = () => request<{ items: DemoPerson[] }>('GET', '/sandbox/demo/people', { anonymous: true });

/** Asks the sandbox (standing in for WeCom) for a one-time login for a demo person, then signs in. */
export async function sandboxSignIn(person: DemoPerson): Promise<LoginAnswer> {
  if (person.role === 'admin') {
    const { authCode } = await request<{ authCode: string }>('POST', '/sandbox/demo/admin-login', { anonymous: true, body: { hostUserId: person.hostUserId } });
    return signInWithAdminSso(authCode);
  }
  const { code } = await request<{ code: string }>('POST', '/sandbox/demo/oauth-code', { anonymous: true, body: { hostUserId: person.hostUserId } });
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
