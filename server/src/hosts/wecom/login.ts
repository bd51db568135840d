/**
 * WeCom logins: the host names the corp and the person, Qixue finds the enterprise by
 * Tenant.hostCorpId and the member by host user id — never from anything the client says.
 *
 *   mini-program  service/miniprogram/jscode2session (suite token)
 *   H5 OAuth      service/auth/getuserinfo3rd        (suite token; the OAuth appid is the suite id)
 *   admin SSO     service/get_login_info             (provider token, passed as access_token)
 */
import type { AppDeps } from '../../core/context';
import { AppError, errors } from '../../core/errors';
import { audit } from '../../core/audit';
import { claimLoginCode, completeLogin, type LoginMeta, type LoginMethod, type LoginResult } from '../../core/auth/login';
import { WecomApiError, type WecomClient } from './client';

/** 1 creator, 2 internal system admin, 3 external system admin, 4 branch admin; 5 is a member. */
const ADMIN_USERTYPES = new Set([1, 2, 3, 4]);

export const invalidLoginCode = () => new AppError(401, 'invalid_code', '登录凭证无效或已过期，请重新登录 / The login code is invalid or expired');
const notInstalled = () => new AppError(403, 'not_installed', '您的企业尚未安装企学 / Your enterprise has not installed Qixue');
const notMember = () =>
  new AppError(403, 'not_a_member', '您不在企学的可见范围内，请联系企业管理员 / You are outside the app’s visible range; ask your admin');
const hostUnavailable = () => new AppError(502, 'host_unavailable', '企业微信暂时无法响应，请稍后再试 / WeCom is not answering; try again later');

/** Invalid codes are the person's problem (401); anything else the host says is ours (502). */
export async function hostCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof WecomApiError && (err.errcode === 40029 || err.errcode === 40078)) throw invalidLoginCode();
    if (err instanceof WecomApiError) throw hostUnavailable();
    throw err;
  }
}

interface HostIdentity {
  corpid: string;
  userIds: string[];
}

/** The enterprise installed from this corp and its member with one of these host ids. */
export async function findWecomMember(deps: AppDeps, identity: HostIdentity) {
  const { prisma } = deps.db;
  const tenant = await prisma.tenant.findUnique({ where: { hostCorpId: identity.corpid }, select: { id: true, status: true } });
  if (!tenant) throw notInstalled();
  if (tenant.status === 'suspended') throw errors.tenantSuspended();
  if (tenant.status !== 'active') throw errors.tenantInactive();
  const ids = identity.userIds.filter(Boolean);
  const member = ids.length
    ? await prisma.member.findFirst({ where: { tenantId: tenant.id, hostUserId: { in: ids } }, select: { id: true, role: true, status: true } })
    : null;
  return { tenant, member };
}

async function loginAs(deps: AppDeps, method: LoginMethod, identity: HostIdentity, meta: LoginMeta): Promise<LoginResult> {
  const { tenant, member } = await findWecomMember(deps, identity);
  if (!member) throw notMember();
  return completeLogin(deps, { tenantId: tenant.id, memberId: member.id, method, meta });
}

export async function wecomMiniprogramLogin(deps: AppDeps, wecom: WecomClient, code: string, meta: LoginMeta): Promise<LoginResult> {
  await claimLoginCode(deps.db.prisma, 'wecom_miniprogram', code);
  const res = await hostCall(() => wecom.suiteGet('service/miniprogram/jscode2session', { js_code: code, grant_type: 'authorization_code' }));
  return loginAs(deps, 'wecom_miniprogram', { corpid: String(res.corpid ?? ''), userIds: [String(res.userid ?? ''), String(res.open_userid ?? '')] }, meta);
}

export async function wecomOauthLogin(deps: AppDeps, wecom: WecomClient, code: string, meta: LoginMeta): Promise<LoginResult> {
  await claimLoginCode(deps.db.prisma, 'wecom_oauth', code);
  const res = await hostCall(() => wecom.suiteGet('service/auth/getuserinfo3rd', { code }));
  // A visitor who belongs to no corp gets only an openid: nobody Qixue can sign in.
  if (!res.corpid) throw notMember();
  return loginAs(deps, 'wecom_oauth', { corpid: String(res.corpid), userIds: [String(res.userid ?? ''), String(res.open_userid ?? '')] }, meta);
}

/** The OAuth link that sends a WeCom browser back to `redirectUri` with a code (the appid is the suite id). */
export function oauthUrl(wecom: WecomClient, input: { redirectUri: string; state: string; scope: string }): string {
  const query = new URLSearchParams({ appid: wecom.suiteId, redirect_uri: input.redirectUri, response_type: 'code', scope: input.scope, state: input.state });
  return `https://open.weixin.qq.com/connect/oauth2/authorize?${query.toString()}#wechat_redirect`;
}

/**
 * The app's admin page, opened from the WeCom admin console: only a WeCom admin gets in, and
 * becomes a Qixue admin of their enterprise if they were not one yet.
 */
export async function adminSsoLogin(deps: AppDeps, wecom: WecomClient, authCode: string, meta: LoginMeta): Promise<LoginResult> {
  await claimLoginCode(deps.db.prisma, 'admin_sso', authCode);
  const res = await hostCall(() => wecom.providerPost('service/get_login_info', { auth_code: authCode }, { tokenParam: 'access_token' }));
  const usertype = Number(res.usertype);
  const corpid = String((res.corp_info as { corpid?: string } | undefined)?.corpid ?? '');
  const user = (res.user_info ?? {}) as { userid?: string; open_userid?: string };
  if (!ADMIN_USERTYPES.has(usertype)) throw new AppError(403, 'not_admin', '仅企业微信管理员可进入管理后台 / Only WeCom admins can open the admin console');
  const { tenant, member } = await findWecomMember(deps, { corpid, userIds: [user.userid ?? '', user.open_userid ?? ''] });
  const { prisma } = deps.db;
  let memberId = member?.id;
  if (!member) {
    // An admin may sit outside the app's visible range: they still administer the enterprise.
    const created = await prisma.member.create({ data: { tenantId: tenant.id, hostUserId: user.userid || user.open_userid, role: 'admin' }, select: { id: true } });
    memberId = created.id;
  } else if (member.role !== 'admin') {
    await prisma.member.update({ where: { id: member.id }, data: { role: 'admin' }, select: { id: true } });
  }
  if (!member || member.role !== 'admin') {
    await audit(prisma, {
      tenantId: tenant.id, actorType: 'system', action: 'member.role.host_admin', targetType: 'member', targetId: memberId, ip: meta.ip,
      details: { usertype, created: !member },
    });
  }
  return completeLogin(deps, { tenantId: tenant.id, memberId: memberId!, method: 'admin_sso', meta });
}
