/**
 * WeChat mini-program login for people outside WeCom, who join by invitation (002 §2.2.3):
 *
 *  1. wx.login() code → sns/jscode2session → openid (+ unionid);
 *  2. first time: the phone-number button's code → wxa/business/getuserphonenumber → the phone
 *     an admin invited; the openid is then bound to that member (WechatIdentity);
 *  3. later: the openid alone finds the member.
 * The enterprise comes from the binding or the invitation, never from the client; when a person
 * belongs to several, they choose among those only (409 tenant_required).
 */
import type { AppDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import { claimLoginCode, completeLogin, type LoginMeta, type LoginResult } from '../../core/auth/login';
import { acceptInvitation, chooseOne, phoneCandidates, tenantRequired, type PhoneCandidate } from '../../core/auth/phone-login';
import { WechatApiError, type WechatClient } from './client';

const invalidCode = () => new AppError(401, 'invalid_code', '登录凭证无效或已使用，请重新登录 / The login code is invalid or already used');

async function wechatCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof WechatApiError && [40029, 40163, 40226].includes(err.errcode)) throw invalidCode();
    if (err instanceof WechatApiError) throw new AppError(502, 'host_unavailable', '微信暂时无法响应，请稍后再试 / WeChat is not answering; try again later');
    throw err;
  }
}

/** Members already bound to this openid, as candidates (same filters as phone logins). */
async function boundCandidates(deps: AppDeps, appId: string, openid: string): Promise<PhoneCandidate[]> {
  const { prisma } = deps.db;
  const bindings = await prisma.wechatIdentity.findMany({ where: { openid, appId }, select: { tenantId: true, memberId: true }, take: 50 });
  if (!bindings.length) return [];
  const [tenants, members] = await Promise.all([
    prisma.tenant.findMany({ where: { id: { in: bindings.map((b) => b.tenantId) }, status: { in: ['active', 'suspended', 'uninstalled'] } }, select: { id: true, name: true } }),
    prisma.member.findMany({ where: { id: { in: bindings.map((b) => b.memberId) }, status: { in: ['active', 'frozen'] } }, select: { id: true, tenantId: true } }),
  ]);
  const tenantName = new Map(tenants.map((t) => [t.id, t.name]));
  return members
    .filter((m) => tenantName.has(m.tenantId))
    .map((m) => ({ tenantId: m.tenantId, tenantName: tenantName.get(m.tenantId)!, memberId: m.id, passwordHash: null }));
}

export async function wechatLogin(
  deps: AppDeps,
  wechat: WechatClient,
  input: { code: string; phoneCode?: string; tenantId?: string; deviceId?: string },
  meta: LoginMeta,
): Promise<LoginResult> {
  const { prisma } = deps.db;
  await claimLoginCode(prisma, 'wechat', input.code);
  if (input.phoneCode) await claimLoginCode(prisma, 'wechat_phone', input.phoneCode);
  const session = await wechatCall(() => wechat.code2Session(input.code));
  let candidates = await boundCandidates(deps, wechat.appId, session.openid);

  if (input.phoneCode) {
    const phone = await wechatCall(() => wechat.phoneNumber(input.phoneCode!));
    if (phone.countryCode !== '86') {
      throw new AppError(422, 'unsupported_phone', '仅支持中国大陆手机号 / Only mainland China mobile numbers are supported');
    }
    const invited = await phoneCandidates(deps, phone.purePhoneNumber);
    if (!invited.length && !candidates.length) {
      throw new AppError(403, 'not_invited', '该手机号未受邀加入任何企业 / This phone number has not been invited by any enterprise');
    }
    // The phone is proven: bind the openid to every member it belongs to, so the next login needs no phone.
    for (const c of invited) {
      await prisma.wechatIdentity.upsert({
        where: { tenantId_appId_openid: { tenantId: c.tenantId, appId: wechat.appId, openid: session.openid } },
        create: { tenantId: c.tenantId, memberId: c.memberId, appId: wechat.appId, openid: session.openid, unionid: session.unionid },
        update: { memberId: c.memberId, unionid: session.unionid },
      });
    }
    const known = new Set(candidates.map((c) => c.memberId));
    candidates = [...candidates, ...invited.filter((c) => !known.has(c.memberId))];
  } else if (!candidates.length) {
    throw new AppError(401, 'phone_required', '首次登录请授权手机号 / First sign-in: share your phone number', { next: 'phoneCode' });
  }

  const chosen = chooseOne(candidates, input.tenantId);
  if (chosen === 'ambiguous') throw tenantRequired(candidates);
  if (!chosen) throw new AppError(403, 'not_a_member', '您不是该企业的成员 / You are not a member of this enterprise');
  const result = await completeLogin(deps, { tenantId: chosen.tenantId, memberId: chosen.memberId, method: 'wechat', meta: { ...meta, deviceId: input.deviceId } });
  await acceptInvitation(deps, chosen.tenantId, chosen.memberId);
  return result;
}
