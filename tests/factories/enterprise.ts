/**
 * An enterprise with one of everything a route can name by id: what the route inventory
 * (tests/server/core/route-inventory.test.ts) points another enterprise's requests at. Built through
 * the API where a client would, straight into the database where only the host or a job would.
 */
import { bearer, type TestApp } from '../support/test-app';
import { addToDepartment, createDepartment, createMember, createTenant, type TestMember, type TestTenant } from './index';
import { createKbNode, createSpace, grantKb } from './knowledge';
import { createCourse, createExam, createQuestion, enrolMember } from './training';

/** The id of what a create answered: `{ thing: { id } }`, `{ job: { id } }`, `{ jobId }` or `{ id }`. */
function createdId(res: { status: number; body: unknown }, what: string): string {
  if (res.status >= 300) throw new Error(`${what} answered ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as Record<string, unknown>;
  const id = body.id ?? body.jobId ?? Object.values(body).map((v) => (v as { id?: unknown } | null)?.id).find((v) => typeof v === 'string');
  if (typeof id !== 'string') throw new Error(`${what} answered no id: ${JSON.stringify(body).slice(0, 300)}`);
  return id;
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const DAY = 86_400_000;

export interface FullEnterprise {
  tenant: TestTenant;
  /** A member (not an admin) who is enrolled, assigned, has an attempt and a privacy request. */
  member: TestMember;
  ids: Record<EntityKey, string>;
}

export type EntityKey =
  | 'member' | 'department' | 'job' | 'space' | 'folder' | 'document' | 'revisionNumber' | 'spacePermission' | 'nodePermission'
  | 'comment' | 'attachment' | 'kbExportJob' | 'invitation' | 'message' | 'course' | 'chapter' | 'enrolment' | 'studySession'
  | 'question' | 'exam' | 'attempt' | 'certificate' | 'task' | 'inboxItem' | 'privacyRequest' | 'exportJob'
  | 'post' | 'reply' | 'moderationCase' | 'penalty' | 'ipBan' | 'sensitiveWord' | 'xapiCredential';

export async function createFullEnterprise(t: TestApp): Promise<FullEnterprise> {
  const prisma = t.deps.db.prisma;
  const tenant = await createTenant(t);
  const admin = bearer(tenant.admin.token);
  const member = await createMember(t, tenant.id);
  const asMember = bearer(member.token);
  const department = await createDepartment(t, tenant.id);
  await addToDepartment(t, tenant.id, department.id, member.id);

  // Knowledge base: a space, a folder, a document with two revisions, grants, a comment, an attachment, an export.
  const space = await createSpace(t, tenant.admin.token);
  const folder = await createKbNode(t, tenant.admin.token, space.id, { kind: 'folder', title: '制度' });
  const document = await createKbNode(t, tenant.admin.token, space.id, { title: '员工手册', body: '第一版', parentId: folder.id });
  createdId(await t.http.put(`/api/v1/docs/${document.id}`).set(admin).send({ title: '员工手册', body: '第二版', baseRevision: document.revision }), 'save document');
  const spacePermission = await grantKb(t, tenant.admin.token, { space: space.id }, { subjectKind: 'member', subjectId: member.id, role: 'viewer' });
  const nodePermission = await grantKb(t, tenant.admin.token, { node: folder.id }, { subjectKind: 'department', subjectId: department.id, role: 'viewer' });
  const comment = createdId(await t.http.post(`/api/v1/docs/${document.id}/comments`).set(admin).send({ body: '写得好' }), 'comment');
  const attachment = createdId(
    await t.http.post(`/api/v1/docs/${document.id}/attachments`).query({ name: '流程图.png' }).set(admin).set('Content-Type', 'application/octet-stream').send(PNG),
    'attachment',
  );
  const kbExport = createdId(await t.http.post(`/api/v1/spaces/${space.id}/export`).set(admin).send({}), 'kb export');

  // Training: a question, an exam, a course with a chapter, an enrolment, a study session, an attempt, a task.
  const question = await createQuestion(t, tenant.id);
  const exam = await createExam(t, tenant.id, [question.id]);
  const course = await createCourse(t, tenant.id, { chapters: [{ kind: 'video', durationSec: 60 }] });
  const enrolment = await enrolMember(t, tenant.id, course.id, member.id);
  const studySession = createdId(await t.http.post('/api/v1/study-sessions').set(asMember).send({ courseId: course.id }), 'study session');
  const attempt = createdId(await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(asMember).send({}), 'attempt');
  const now = Date.now();
  const task = createdId(
    await t.http.post('/api/v1/tasks').set(admin).send({
      title: '年度安全培训', startsAt: new Date(now - DAY).toISOString(), dueAt: new Date(now + 10 * DAY).toISOString(), remindDaysBefore: 3,
      items: [{ kind: 'course', refId: course.id }, { kind: 'document', refId: document.id }], targets: [{ kind: 'member', refId: member.id }],
    }),
    'task',
  );
  // Assignment notices are sent by a job: this one is written as that job would.
  const inboxItem = await prisma.notification.create({
    data: { tenantId: tenant.id, memberId: member.id, kind: 'task.assigned', title: '新任务：年度安全培训', dedupeKey: `task:${task}:assigned` },
    select: { id: true },
  });
  const certificate = await prisma.certificate.create({
    data: { tenantId: tenant.id, memberId: member.id, courseId: course.id, code: `C${now}${Math.floor(Math.random() * 1e6)}`.slice(0, 32), holderName: '张三', courseTitle: '安全生产培训' },
    select: { id: true },
  });

  // People and paperwork: an invitation, an admin message, a privacy request, a records export, a directory sync job.
  const invitation = createdId(
    await t.http.post('/api/v1/invitations').set(admin).send({ phone: `138${String(now).slice(-8)}`, name: '外部讲师' }),
    'invitation',
  );
  const message = await prisma.appMessage.create({ data: { tenantId: tenant.id, kind: 'textcard', title: '通知', payload: {}, source: 'admin', createdById: tenant.admin.id }, select: { id: true } });
  const privacyRequest = createdId(await t.http.post('/api/v1/me/privacy-requests').set(asMember).send({ kind: 'access', details: '请提供我的学习记录' }), 'privacy request');
  const exportJob = createdId(await t.http.post('/api/v1/exports').set(admin).send({ format: 'records' }), 'records export');
  // Community and moderation: a question with an answer, a report's case, a penalty, an IP ban, a sensitive word.
  const post = createdId(await t.http.post('/api/v1/community/posts').set(asMember).send({ kind: 'question', title: '如何申请年假？', body: '请教流程' }), 'post');
  const reply = createdId(await t.http.post(`/api/v1/community/posts/${post}/replies`).set(admin).send({ body: '在系统里提交申请' }), 'reply');
  const report = await t.http.post('/api/v1/community/reports').set(admin).send({ targetType: 'question', targetId: post, reason: 'spam' });
  if (report.status >= 300) throw new Error(`report answered ${report.status} ${JSON.stringify(report.body)}`);
  const moderationCase = await prisma.moderationCase.findFirst({ where: { tenantId: tenant.id }, select: { id: true } });
  const offender = await createMember(t, tenant.id);
  const penalty = createdId(await t.http.post('/api/v1/admin/moderation/penalties').set(admin).send({ memberId: offender.id, reason: '发布广告' }), 'penalty');
  const ipBan = createdId(await t.http.post('/api/v1/admin/moderation/ip-bans').set(admin).send({ ip: '198.51.100.23', reason: '刷屏' }), 'ip ban');
  const sensitiveWord = createdId(await t.http.post('/api/v1/admin/moderation/words').set(admin).send({ word: `违禁${Date.now()}` }), 'sensitive word');
  if (!moderationCase) throw new Error('a report opened no moderation case');
  const xapiCredential = createdId(await t.http.post('/api/v1/xapi/credentials').set(admin).send({ name: '外部课件' }), 'xAPI credential');

  const job = await prisma.job.create({ data: { tenantId: tenant.id, kind: 'directory.sync', payload: {} }, select: { id: true } });
  return {
    tenant,
    member,
    ids: {
      member: member.id, department: department.id, job: job.id, space: space.id, folder: folder.id, document: document.id, revisionNumber: '1',
      spacePermission: spacePermission.id, nodePermission: nodePermission.id, comment, attachment,
      kbExportJob: kbExport, invitation, message: message.id, course: course.id, chapter: course.chapters[0].id,
      enrolment: enrolment.id, studySession, question: question.id, exam: exam.id, attempt,
      certificate: certificate.id, task, inboxItem: inboxItem.id, privacyRequest, exportJob,
      post, reply, moderationCase: moderationCase.id, penalty, ipBan, sensitiveWord, xapiCredential,
    },
  };
}
