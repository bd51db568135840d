/**
 * An audit action in words, for the admin console's log: "编辑了课程《{target}》". The actor's name is
 * put in front by the client (people's names come from the host's open-data component, never from
 * Qixue), and `{target}` stands for the target — a title, or a person the client renders by name.
 * Actions are "<noun>.<verb>"; one table per part covers actions added later by other modules.
 */

/** What a target type is called, in the log. */
export const nouns: Record<string, string> = {
  course: '课程', chapter: '章节', exam: '考试', question: '题目', task: '培训任务', kb_space: '知识空间', kb_node: '文档',
  member: '成员', invitation: '邀请', app_message: '消息', enrolment: '学习记录', job: '导出任务', tenant: '企业',
  agreement_version: '协议', privacy_request: '个人信息申请', department: '部门',
};

const verbs: Record<string, string> = {
  create: '创建了', update: '编辑了', delete: '删除了', purge: '彻底删除了', archive: '归档了', restore: '恢复了',
  publish: '发布了', unpublish: '下架了', close: '关闭了', revoke: '撤销了', send: '发送了', import: '导入了', answer: '处理了',
  grant: '授予了', move: '移动了', copy: '复制了',
};

/** Actions whose words do not follow "<verb><noun>《target》". */
const special: Record<string, string | ((details: Record<string, unknown>) => string)> = {
  'member.role.change': (d) => (d.to === 'admin' ? '将 {target} 设为管理员' : '取消了 {target} 的管理员身份'),
  'member.role.host_admin': '以企业微信管理员身份成为管理员',
  'member.unfreeze': (d) => (d.by === 'admin' ? '解冻了 {target} 的账号' : '验证身份后解冻了自己的账号'),
  'member.freeze': '冻结了 {target} 的账号（长期未登录）',
  'member.cancel': '注销了账号',
  'member.erase': '清除了 {target} 的个人信息',
  'member.lock': '锁定了 {target} 的账号（记录依法保留）',
  'member.retained_identity.erase': '保留期满，清除了 {target} 的留存身份信息',
  'exam.attempt.disqualify': (d) => `取消了一份答卷的考试资格（原因：${String(d.reason ?? '')}）`,
  'member.phone_change': '更换了手机号',
  'member.profile_update': '更正了个人信息',
  'invitation.create': '邀请了 {target}',
  'invitation.revoke': '撤销了对 {target} 的邀请',
  'message.send': '发送了消息《{target}》',
  'account_policy.update': '修改了账号策略',
  'training.policy.change': '修改了年度学时要求',
  'kb.settings.update': '修改了密级标识规则',
  'kb.space.create': '创建了知识空间《{target}》',
  'kb.node.delete': '删除了《{target}》',
  'kb.node.purge': '彻底删除了《{target}》',
  'kb.permission.grant': '修改了《{target}》的访问权限',
  'kb.permission.revoke': '收回了《{target}》的访问权限',
  'records.export.records': '导出了学习记录',
  'records.export.regulator': '导出了监管报送表',
  'question.import': '从 Excel 导入了题目',
  'directory.sync.start': '开始同步通讯录',
  'enrolment.window.change': '调整了 {target} 的学习有效期',
  'privacy_request.create': '提交了个人信息申请',
  'privacy_request.answer': '处理了个人信息申请',
  'agreement.publish': '发布了新版协议',
  'tenant.register': '开通了本企业',
  'tenant.wecom.install': '从企业微信安装了企学',
  'tenant.wecom.reinstall': '从企业微信重新安装了企学',
  'tenant.suspend': '暂停了本企业的服务',
  'tenant.reinstate': '恢复了本企业的服务',
  'tenant.update': '变更了本企业的版本',
  'tenant.wecom.range_change': '企业微信可见范围已变更',
  'tenant.wecom.uninstall': '企业微信中已卸载应用',
  read: '阅读了《{target}》',
};

/** Targets that are people: the client renders `{target}` with the person's name. */
export const personTargets = new Set(['member', 'enrolment']);

export function phraseOf(action: string, targetType: string | null, details: unknown): string {
  const d = details && typeof details === 'object' && !Array.isArray(details) ? (details as Record<string, unknown>) : {};
  const known = special[action];
  if (known) return typeof known === 'function' ? known(d) : known;
  const parts = action.split('.');
  const verb = verbs[parts[parts.length - 1]];
  const noun = nouns[targetType ?? parts[0]] ?? nouns[parts[0]];
  if (!verb) return noun ? `操作了${noun}《{target}》` : '进行了一项操作';
  if (!noun) return `${verb}一项内容`;
  return targetType && personTargets.has(targetType) ? `${verb}${noun} {target}` : `${verb}${noun}《{target}》`;
}
