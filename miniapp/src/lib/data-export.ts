/**
 * "My data" as a person reads it: the server's export (GET /me/data-export, JSON with English keys
 * and UTC times) becomes sections with Chinese headings and labelled fields, times in the
 * enterprise's zone, things by their titles and no internal ids. A key this mapper does not know
 * is not shown raw: it is counted, and the page says that more data exists in the file export.
 */
import { agreementKindLabel, deviceLabel, loginMethodLabel, loginOutcomeLabel, memberStatusLabel, requestKindLabel, requestStatusLabel, roleLabel } from './account-labels';
import { formatDateTime } from './time';

export interface ExportField {
  label: string;
  value: string;
}
export interface ExportItem {
  title: string;
  fields: ExportField[];
}
export interface ExportSection {
  key: string;
  title: string;
  fields: ExportField[];
  items: ExportItem[];
  /** Shown when the section has neither fields nor items. */
  emptyText: string;
}

type Row = Record<string, unknown>;

const NONE = '—';
const obj = (v: unknown): Row => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Row) : {});
const list = (v: unknown): Row[] => (Array.isArray(v) ? v.map(obj) : []);
const text = (v: unknown): string => (v === null || v === undefined || v === '' ? NONE : String(v));
const yesNo = (v: unknown) => (v ? '是' : '否');
const minutes = (sec: unknown) => (typeof sec === 'number' ? `${Math.round(sec / 60)} 分钟` : NONE);

/** Fields without a value are left out, so an item says only what is known. */
const fields = (pairs: Array<[string, string]>): ExportField[] => pairs.filter(([, v]) => v !== '' && v !== NONE).map(([label, value]) => ({ label, value }));

export const KNOWN_EXPORT_KEYS = ['exportedAt', 'enterprise', 'profile', 'realName', 'logins', 'sessions', 'devices', 'agreements', 'privacyRequests', 'learning', 'notifications'];
export const KNOWN_LEARNING_KEYS = ['enrolments', 'chapterProgress', 'examAttempts', 'credits', 'certificates', 'taskCompletions'];

export function exportSections(data: unknown, timeZone?: string): ExportSection[] {
  const d = obj(data);
  const at = (v: unknown) => (typeof v === 'string' && v ? formatDateTime(v, timeZone) : NONE);
  const section = (key: string, title: string, body: { fields?: ExportField[]; items?: ExportItem[] }, emptyText = '无记录'): ExportSection => ({
    key, title, fields: body.fields ?? [], items: body.items ?? [], emptyText,
  });

  const profile = obj(d.profile);
  const departments = list(profile.departments)
    .map((dep) => `${dep.departmentName ? String(dep.departmentName) : '部门名称未提供'}${dep.isLeader ? '（负责人）' : ''}`)
    .join('、');
  const real = d.realName ? obj(d.realName) : null;
  const learning = obj(d.learning);

  return [
    section('about', '导出说明', {
      fields: fields([
        ['导出时间', at(d.exportedAt)],
        ['所属企业', text(obj(d.enterprise).name)],
      ]),
    }),
    section('profile', '基本资料', {
      fields: fields([
        ['姓名', text(profile.name)],
        ['手机号', text(profile.phone)],
        ['账号状态', profile.status ? memberStatusLabel(String(profile.status)) : NONE],
        ['身份', profile.role ? roleLabel(String(profile.role)) : NONE],
        ['所在部门', departments || NONE],
        ['最近活跃', at(profile.lastActiveAt)],
        ['加入时间', at(profile.createdAt)],
      ]),
    }),
    section('realName', '实名信息', {
      fields: real
        ? fields([
          ['真实姓名', text(real.realName)],
          ['身份证号', text(real.idNumber)],
          ['工作单位', text(real.employer)],
          ['所在地区', text(real.region)],
          ['最后更新', at(real.updatedAt)],
        ])
        : [],
    }, '未填写实名信息'),
    section('logins', '登录记录', {
      items: list(d.logins).map((l) => ({
        title: at(l.createdAt),
        fields: fields([
          ['方式', loginMethodLabel(String(l.method ?? ''))],
          ['结果', loginOutcomeLabel(String(l.outcome ?? ''))],
          ['IP 地址', text(l.ip)],
          ['设备', deviceLabel(l.userAgent as string | null)],
        ]),
      })),
    }),
    section('sessions', '登录会话', {
      items: list(d.sessions).map((s) => ({
        title: at(s.createdAt),
        fields: fields([
          ['方式', loginMethodLabel(String(s.method ?? ''))],
          ['IP 地址', text(s.ip)],
          ['设备', deviceLabel(s.userAgent as string | null)],
          ['有效期至', at(s.expiresAt)],
          ['已退出', s.revokedAt ? at(s.revokedAt) : NONE],
        ]),
      })),
    }),
    section('devices', '使用过的设备', {
      items: list(d.devices).map((dev, i) => ({
        title: `设备 ${i + 1}`,
        fields: fields([
          ['首次使用', at(dev.firstSeenAt)],
          ['最近使用', at(dev.lastSeenAt)],
        ]),
      })),
    }),
    section('agreements', '同意的协议', {
      items: list(d.agreements).map((a) => ({
        title: `${agreementKindLabel(String(a.kind ?? ''))} ${text(a.version)}`,
        fields: fields([
          ['同意时间', at(a.acceptedAt)],
          ['IP 地址', text(a.ip)],
        ]),
      })),
    }),
    section('privacyRequests', '个人信息申请', {
      items: list(d.privacyRequests).map((r) => ({
        title: requestKindLabel(String(r.kind ?? '')),
        fields: fields([
          ['状态', requestStatusLabel(String(r.status ?? ''), !!r.overdue)],
          ['内容', text(r.details)],
          ['提交时间', at(r.createdAt)],
          ['答复期限', at(r.dueAt)],
          ['答复', text(r.answer)],
          ['答复时间', at(r.answeredAt)],
        ]),
      })),
    }),
    section('enrolments', '报名的课程', {
      items: list(learning.enrolments).map((e) => ({
        title: courseName(e.courseTitle),
        fields: fields([
          ['报名时间', at(e.startsAt)],
          ['有效期至', at(e.expiresAt)],
          ['章节学完', at(e.chaptersDoneAt)],
          ['课程完成', e.completedAt ? at(e.completedAt) : '未完成'],
        ]),
      })),
    }),
    section('chapterProgress', '章节学习进度', {
      items: list(learning.chapterProgress).map((p) => ({
        title: `${courseName(p.courseTitle)} · ${p.chapterTitle ? String(p.chapterTitle) : '未命名章节'}`,
        fields: fields([
          ['已计学习时长', minutes(p.creditedSec)],
          ['已完成', yesNo(p.completed)],
          ['完成时间', at(p.completedAt)],
        ]),
      })),
    }),
    section('examAttempts', '考试记录', {
      items: list(learning.examAttempts).map((a) => ({
        title: `${a.examTitle ? `《${String(a.examTitle)}》` : '考试'} 第 ${text(a.attemptNo)} 次`,
        fields: fields([
          ['得分', a.score === null || a.score === undefined ? '未评分' : `${String(a.score)} / ${text(a.maxScore)}`],
          ['是否通过', a.passed === null || a.passed === undefined ? '未出结果' : yesNo(a.passed)],
          ['开始时间', at(a.startedAt)],
          ['交卷时间', at(a.submittedAt)],
        ]),
      })),
    }),
    section('credits', '学时记录', {
      items: list(learning.credits).map((c) => ({
        title: courseName(c.courseTitle),
        fields: fields([
          ['年度', text(c.year)],
          ['学时', `${text(c.hours)} 学时`],
          ['成绩', c.score === null || c.score === undefined ? NONE : `${String(c.score)} 分`],
          ['记入时间', at(c.earnedAt)],
        ]),
      })),
    }),
    section('certificates', '证书', {
      items: list(learning.certificates).map((c) => ({
        title: c.courseTitle ? `《${String(c.courseTitle)}》结业证书` : '结业证书',
        fields: fields([
          ['持证人', text(c.holderName)],
          ['验证码', text(c.code)],
          ['颁发时间', at(c.issuedAt)],
        ]),
      })),
    }),
    section('taskCompletions', '完成的培训任务', {
      items: list(learning.taskCompletions).map((c) => ({
        title: c.taskTitle ? String(c.taskTitle) : '培训任务',
        fields: fields([['完成时间', at(c.completedAt)]]),
      })),
    }),
    section('notifications', '收到的通知', {
      items: list(d.notifications).map((n) => ({
        title: text(n.title),
        fields: fields([
          ['收到时间', at(n.createdAt)],
          ['阅读时间', n.readAt ? at(n.readAt) : '未读'],
        ]),
      })),
    }),
  ];
}

const courseName = (title: unknown) => (title ? `《${String(title)}》` : '已删除的课程');

/** Parts of the export this page does not know how to show (a newer server): the page says so instead of showing keys. */
export function unknownExportParts(data: unknown): number {
  const d = obj(data);
  const top = Object.keys(d).filter((k) => !KNOWN_EXPORT_KEYS.includes(k)).length;
  const inner = Object.keys(obj(d.learning)).filter((k) => !KNOWN_LEARNING_KEYS.includes(k)).length;
  return top + inner;
}

/** The readable export as plain text (to copy or save): headings, then "label：value" lines. */
export function exportText(sections: ExportSection[]): string {
  const out: string[] = [];
  for (const s of sections) {
    out.push(`【${s.title}】`);
    if (!s.fields.length && !s.items.length) out.push(s.emptyText);
    for (const f of s.fields) out.push(`${f.label}：${f.value}`);
    for (const item of s.items) {
      out.push(`· ${item.title}`);
      for (const f of item.fields) out.push(`  ${f.label}：${f.value}`);
    }
    out.push('');
  }
  return out.join('\n');
}
