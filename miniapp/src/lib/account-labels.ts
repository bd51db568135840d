/** The server's account codes in words: login methods and outcomes, request kinds, blockers, agreements. */

const loginMethods: Record<string, string> = {
  wecom_miniprogram: '企业微信小程序',
  wecom_oauth: '企业微信网页授权',
  admin_sso: '管理后台扫码登录',
  wechat: '微信小程序',
  password: '手机号 + 密码',
  sms_code: '手机号 + 短信验证码',
};
export const loginMethodLabel = (m: string) => loginMethods[m] ?? '其他方式';

const loginOutcomes: Record<string, string> = {
  success: '登录成功',
  wrong_password: '密码错误',
  device_unverified: '新设备未验证',
  inactive: '账号不可用',
};
export const loginOutcomeLabel = (o: string) => loginOutcomes[o] ?? '未成功';
export const loginSucceeded = (o: string) => o === 'success';

/** "Chrome · Android" from a user agent: enough to recognise a device, without the noise. */
export function deviceLabel(userAgent: string | null | undefined): string {
  if (!userAgent) return '未知设备';
  const ua = userAgent;
  const app = /wxwork/i.test(ua) ? '企业微信' : /MicroMessenger/i.test(ua) ? '微信' : /Edg\//.test(ua) ? 'Edge' : /Chrome\//.test(ua) ? 'Chrome' : /Firefox\//.test(ua) ? 'Firefox' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /iPhone|iPad|iOS/.test(ua) ? 'iOS' : /Android/.test(ua) ? 'Android' : /Windows/.test(ua) ? 'Windows' : /Mac OS X|Macintosh/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  const parts = [app, os].filter(Boolean);
  return parts.length ? parts.join(' · ') : '其他设备';
}

const agreementKinds: Record<string, string> = { user_agreement: '用户协议', privacy_policy: '隐私政策', children_privacy: '儿童隐私声明' };
export const agreementKindLabel = (k: string) => agreementKinds[k] ?? '协议';

export const requestKinds = [
  { kind: 'access', label: '查阅我的个人信息' },
  { kind: 'correction', label: '更正我的个人信息' },
  { kind: 'deletion', label: '删除我的个人信息' },
  { kind: 'withdraw_consent', label: '撤回同意' },
  { kind: 'complaint', label: '投诉' },
  { kind: 'other', label: '其他' },
] as const;
export const requestKindLabel = (k: string) => requestKinds.find((r) => r.kind === k)?.label ?? '其他';

const requestStatuses: Record<string, string> = { open: '处理中', answered: '已答复', rejected: '已拒绝' };
export const requestStatusLabel = (s: string, overdue = false) => (overdue ? '已超期未答复' : requestStatuses[s] ?? '处理中');

const memberStatuses: Record<string, string> = { active: '正常', frozen: '已冻结', left: '已离职', cancelled: '已注销' };
export const memberStatusLabel = (s: string) => memberStatuses[s] ?? '其他';
export const roleLabel = (r: string) => (r === 'admin' ? '企业管理员' : '员工');

/** Why cancelling is not possible now, and what to do about it — in words, with the course by name. */
export function blockerText(b: { code: string; message?: string; courseTitle?: string | null }, expires?: string): { title: string; action: string } {
  switch (b.code) {
    case 'unfinished_enrolment':
      return {
        title: `课程《${b.courseTitle ?? '未命名课程'}》尚未学完${expires ? `，有效期至 ${expires}` : ''}`,
        action: '学完这门课程，或等有效期结束后，即可注销。',
      };
    case 'last_admin':
      return { title: '你是本企业唯一的管理员', action: '请先在管理后台指定另一位管理员，再注销账号。' };
    default:
      return { title: b.message ? b.message.split(' / ')[0] : '存在尚未处理完的事项', action: '处理完成后即可注销。' };
  }
}
