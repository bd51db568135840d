/**
 * The demo corp's content, so a first visit shows a living product: a knowledge space with a few
 * documents, a question bank and an exam, a course with a reading chapter and a video chapter (the
 * video from the sandbox's local media host), and a training task for a department.
 *
 * Made the way an admin makes it — through Qixue's HTTP API with the demo admin's session — so
 * every rule, sanitizer and audit row applies. Idempotent: each piece is looked up by its title
 * first, so a restart (which reinstalls the demo corp) adds nothing twice; deleting something in
 * the console and restarting brings it back.
 */
import type { AppDeps } from '../../src/core/context';
import { createSession } from '../../src/core/auth/sessions';

export const DEMO_SPACE = '员工手册';
export const DEMO_COURSE = '信息安全入门';
export const DEMO_EXAM = '信息安全知识测验';
export const DEMO_TASK = '年度信息安全培训';
export const DEMO_VIDEO = { file: 'qixue-intro.webm', durationSec: 24 };

const DOCUMENTS = [
  {
    title: '考勤与休假制度',
    body:
      '<h2>一、工作时间</h2><p>公司实行标准工时制，工作日为周一至周五，上午 9:00 至下午 6:00，午休一小时。</p>' +
      '<h2>二、打卡</h2><p>员工每日上下班须在企业微信打卡。因外出办事未能打卡的，应在三个工作日内提交补卡申请并说明原因。</p>' +
      '<h2>三、休假</h2><p>员工享有国家规定的法定节假日、年休假、婚假、产假、陪产假等假期。年休假按累计工作年限计算：满 1 年不满 10 年的 5 天，满 10 年不满 20 年的 10 天，满 20 年的 15 天。</p>' +
      '<p>请假须提前在企业微信提交审批，经直属主管同意后生效。</p>',
  },
  {
    title: '信息安全守则',
    body:
      '<p>信息安全关系到公司和每一位同事。请遵守以下守则：</p>' +
      '<ol><li>设置不少于 10 位、包含字母和数字的密码，不同系统使用不同密码，每 90 天更换一次。</li>' +
      '<li>不点击来历不明的链接，不打开可疑邮件的附件；收到索要密码或验证码的消息，一律不予回应。</li>' +
      '<li>离开工位时锁定电脑（Windows：Win + L；macOS：Control + Command + Q）。</li>' +
      '<li>客户资料和公司资料只在公司批准的系统中存放和传输，不通过个人网盘或社交软件外发。</li>' +
      '<li>发现账号异常、设备丢失或疑似信息泄露，立即报告信息安全部。</li></ol>',
  },
  {
    title: '新员工入职指南',
    body:
      '<p>欢迎加入！入职第一周请完成以下事项：</p>' +
      '<ul><li>在企业微信完善个人资料，加入所在部门的群聊；</li><li>阅读《考勤与休假制度》和《信息安全守则》；</li>' +
      '<li>在企学完成“信息安全入门”课程并通过测验（计 2 学时）；</li><li>与直属主管确认试用期目标。</li></ul>' +
      '<p>有任何问题，可以在企学的知识库搜索，或联系人力资源部。</p>',
  },
];

const QUESTIONS = [
  {
    type: 'single', stem: '下列哪一个密码最安全？',
    options: [{ key: 'A', text: '123456' }, { key: 'B', text: '公司名加生日' }, { key: 'C', text: '不少于 10 位、含字母和数字、各系统不同' }], answer: ['C'],
  },
  {
    type: 'multiple', stem: '收到一封自称“信息部”的邮件，要求点击链接重置密码。应该怎么做？（多选）',
    options: [{ key: 'A', text: '不点击链接' }, { key: 'B', text: '通过官方渠道向信息安全部核实' }, { key: 'C', text: '按邮件提示输入密码' }], answer: ['A', 'B'],
  },
  { type: 'true_false', stem: '离开工位时应当锁定电脑。', answer: [true] },
];

const ARTICLE =
  '<h2>为什么要重视信息安全</h2><p>绝大多数信息泄露并不是因为高深的攻击，而是因为弱密码、钓鱼链接和随手外发的文件。' +
  '每一位同事都是公司信息安全的第一道防线。</p><h2>本课要点</h2><ul><li>怎样设置和保管密码；</li><li>怎样识别钓鱼邮件和诈骗消息；</li>' +
  '<li>公司资料的存放与传输规则；</li><li>发现异常时向谁报告。</li></ul><p>请认真阅读本章，然后观看下一章的视频，最后完成测验。</p>';

type Call = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export interface DemoContentOptions {
  /** Where Qixue listens (its HTTP API is how the content is made). */
  qixueUrl: string;
  /** The demo video on the local media host. */
  videoUrl: string;
  /** Host user ids of the person whose (first) department the demo task is assigned to. */
  taskFor: string[];
}

export async function seedDemoContent(deps: AppDeps, tenantId: string, { qixueUrl, videoUrl, taskFor }: DemoContentOptions): Promise<{ created: string[] }> {
  const prisma = deps.db.prisma;
  const admin = await prisma.member.findFirst({ where: { tenantId, role: 'admin', status: 'active' }, select: { id: true }, orderBy: { createdAt: 'asc' } });
  if (!admin) return { created: [] };
  const { token, sessionId } = await createSession(prisma, { tenantId, memberId: admin.id, method: 'demo_seed', ttlHours: 1 });
  const call: Call = async (method, path, body) => {
    const res = await fetch(`${qixueUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`demo content: ${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as never;
  };
  const created: string[] = [];
  try {
    const documents = await seedSpace(deps, tenantId, call, created);
    const examId = await seedExam(deps, tenantId, call, created);
    const courseId = await seedCourse(deps, tenantId, call, created, examId, videoUrl);
    await seedTask(deps, tenantId, call, created, courseId, documents.get('信息安全守则') ?? null, taskFor);
  } finally {
    await prisma.session.updateMany({ where: { id: sessionId }, data: { revokedAt: new Date() } }).catch(() => undefined);
  }
  return { created };
}

async function seedSpace(deps: AppDeps, tenantId: string, call: Call, created: string[]): Promise<Map<string, string>> {
  const prisma = deps.db.prisma;
  let space = await prisma.kbSpace.findFirst({ where: { tenantId, name: DEMO_SPACE }, select: { id: true } });
  if (!space) {
    space = (await call<{ space: { id: string } }>('POST', '/spaces', { name: DEMO_SPACE })).space;
    await call('POST', `/spaces/${space.id}/permissions`, { subjectKind: 'enterprise', role: 'viewer' });
    created.push(`知识库「${DEMO_SPACE}」`);
  }
  const ids = new Map<string, string>();
  for (const doc of DOCUMENTS) {
    let node = await prisma.kbNode.findFirst({ where: { tenantId, spaceId: space.id, kind: 'document', title: doc.title }, select: { id: true } });
    if (!node) {
      node = (await call<{ node: { id: string } }>('POST', `/spaces/${space.id}/nodes`, { kind: 'document', title: doc.title, body: doc.body })).node;
      created.push(`文档《${doc.title}》`);
    }
    ids.set(doc.title, node.id);
  }
  return ids;
}

async function seedExam(deps: AppDeps, tenantId: string, call: Call, created: string[]): Promise<string> {
  const existing = await deps.db.prisma.exam.findFirst({ where: { tenantId, title: DEMO_EXAM }, select: { id: true } });
  if (existing) return existing.id;
  const questions = [];
  for (const q of QUESTIONS) questions.push((await call<{ question: { id: string } }>('POST', '/questions', q)).question.id);
  const { exam } = await call<{ exam: { id: string } }>('POST', '/exams', { title: DEMO_EXAM, passScore: 60, timeLimitSec: 900, maxAttempts: 3 });
  await call('PUT', `/exams/${exam.id}/questions`, { questions: questions.map((questionId, i) => ({ questionId, score: i === 0 ? 40 : 30 })) });
  await call('POST', `/exams/${exam.id}/publish`);
  created.push(`考试「${DEMO_EXAM}」（${questions.length} 道题）`);
  return exam.id;
}

async function seedCourse(deps: AppDeps, tenantId: string, call: Call, created: string[], examId: string, videoUrl: string): Promise<string> {
  const prisma = deps.db.prisma;
  const existing = await prisma.course.findFirst({ where: { tenantId, title: DEMO_COURSE }, select: { id: true } });
  if (existing) {
    // The sandbox's port may differ from the last start: keep the video pointing at it.
    const video = await prisma.chapter.findFirst({ where: { tenantId, courseId: existing.id, kind: 'video' }, select: { id: true, mediaUrl: true } });
    if (video && video.mediaUrl !== videoUrl && video.mediaUrl?.endsWith(`/media/${DEMO_VIDEO.file}`)) await call('PATCH', `/chapters/${video.id}`, { mediaUrl: videoUrl });
    return existing.id;
  }
  const { course } = await call<{ course: { id: string } }>('POST', '/courses', {
    title: DEMO_COURSE, description: '密码、钓鱼邮件、文件外发和异常报告：每位员工都应掌握的信息安全常识。', creditHours: 2, required: true, examId,
  });
  await call('POST', `/courses/${course.id}/chapters`, { title: '为什么要重视信息安全', kind: 'article', body: ARTICLE, minReadSec: 30 });
  await call('POST', `/courses/${course.id}/chapters`, { title: '四条安全习惯（视频）', kind: 'video', durationSec: DEMO_VIDEO.durationSec, mediaUrl: videoUrl });
  await call('PATCH', `/exams/${examId}`, { courseId: course.id });
  await call('POST', `/courses/${course.id}/publish`);
  created.push(`课程「${DEMO_COURSE}」（图文 + 视频，2 学时）`);
  return course.id;
}

async function seedTask(deps: AppDeps, tenantId: string, call: Call, created: string[], courseId: string, documentId: string | null, taskFor: string[]): Promise<void> {
  const prisma = deps.db.prisma;
  if (await prisma.trainingTask.findFirst({ where: { tenantId, title: DEMO_TASK }, select: { id: true } })) return;
  const person = await prisma.member.findFirst({ where: { tenantId, hostUserId: { in: taskFor } }, select: { id: true } });
  const membership = person && (await prisma.departmentMember.findFirst({ where: { tenantId, memberId: person.id }, select: { departmentId: true } }));
  if (!membership) return;
  const day = 86_400_000;
  await call('POST', '/tasks', {
    title: DEMO_TASK, description: '请在截止日期前学完“信息安全入门”课程、通过测验，并阅读《信息安全守则》。', required: true,
    startsAt: new Date(Date.now() - day).toISOString(), dueAt: new Date(Date.now() + 30 * day).toISOString(), remindDaysBefore: 3,
    items: [{ kind: 'course', refId: courseId }, ...(documentId ? [{ kind: 'document', refId: documentId }] : [])],
    targets: [{ kind: 'department', refId: membership.departmentId }],
  });
  created.push(`培训任务「${DEMO_TASK}」（指派给第一位演示员工所在的部门）`);
}
