/**
 * Defect 1 (issue 13): stored XSS. An article chapter with `<img src=x onerror=…>` ran its script
 * for every member who opened it. Rich text now goes through the knowledge base's sanitiser,
 * plain text loses its markup, and every URL a client sends must be http(s).
 */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { createCourse, enrolMember } from '../../factories/training';
import { card } from '../../../server/src/modules/notifications/schema';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const SCRIPTED = '<p>安全须知</p><img src=x onerror="alert(localStorage.token)"><script>alert(1)</script><a href="javascript:alert(2)">点此</a>';
const HOSTILE_URLS = ['javascript:alert(1)', 'JavaScript:alert(1)', 'java\tscript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd', '//evil.example.com/x.mp4', 'ftp://example.com/a.mp4'];

function expectNoScript(text: string) {
  expect(text).not.toMatch(/<script|onerror|javascript:/i);
}

describe('defect 1: stored XSS', () => {
  it('sanitises an article chapter body on create and update, keeping the allowed markup', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const course = await createCourse(t, a.id, { chapters: [] });
    const created = await t.http.post(`/api/v1/courses/${course.id}/chapters`).set(admin).send({ title: '须知<script>alert(1)</script>', kind: 'article', body: SCRIPTED }).expect(201);
    const chapter = created.body.chapter;
    expectNoScript(chapter.body);
    expect(chapter.body).toContain('<p>安全须知</p>');
    expect(chapter.title).toBe('须知');

    const stored = await t.deps.db.prisma.chapter.findUniqueOrThrow({ where: { id: chapter.id } });
    expectNoScript(stored.body!);

    const updated = await t.http.patch(`/api/v1/chapters/${chapter.id}`).set(admin).send({ body: '<svg onload=alert(1)></svg><iframe src="https://evil.example.com"></iframe><p onclick="x()">正文</p>' }).expect(200);
    expect(updated.body.chapter.body).toBe('<p>正文</p>');

    // An article whose body is nothing but script has no body.
    const empty = await t.http.post(`/api/v1/courses/${course.id}/chapters`).set(admin).send({ title: '空', kind: 'article', body: '<script>alert(1)</script>' }).expect(400);
    expect(empty.body.error.code).toBe('validation_failed');

    // What a member reads is the sanitised body.
    const member = await createMember(t, a.id);
    await enrolMember(t, a.id, course.id, member.id);
    const read = await t.http.get(`/api/v1/chapters/${chapter.id}`).set(bearer(member.token)).expect(200);
    expectNoScript(read.body.chapter.body);
  });

  it('refuses non-http(s) media URLs with 400 in the envelope and changes nothing', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const course = await createCourse(t, a.id, { chapters: [{ kind: 'video' }] });
    const video = course.chapters[0];
    for (const mediaUrl of HOSTILE_URLS) {
      const res = await t.http.post(`/api/v1/courses/${course.id}/chapters`).set(admin).send({ title: '视频', kind: 'video', durationSec: 60, mediaUrl }).expect(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed' });
      expect(JSON.stringify(res.body.error.details)).toContain('mediaUrl');
      await t.http.patch(`/api/v1/chapters/${video.id}`).set(admin).send({ mediaUrl }).expect(400);
    }
    expect(await t.deps.db.prisma.chapter.count({ where: { courseId: course.id } })).toBe(1);
    expect((await t.deps.db.prisma.chapter.findUniqueOrThrow({ where: { id: video.id } })).mediaUrl).toBe('https://media.example.com/v.mp4');
    await t.http.patch(`/api/v1/chapters/${video.id}`).set(admin).send({ mediaUrl: 'https://media.example.com/v2.mp4' }).expect(200);
  });

  it('keeps course, exam, question and task texts plain', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const course = await t.http.post('/api/v1/courses').set(admin).send({ title: '<b>消防</b>安全', description: '第一行<img src=x onerror=alert(1)>\n第二行 <script>alert(1)</script>' }).expect(201);
    expect(course.body.course).toMatchObject({ title: '消防安全', description: '第一行\n第二行' });
    const patched = await t.http.patch(`/api/v1/courses/${course.body.course.id}`).set(admin).send({ description: '<a href="javascript:alert(1)">看</a>' }).expect(200);
    expect(patched.body.course.description).toBe('看');
    const category = await t.http.post('/api/v1/course-categories').set(admin).send({ name: '<i>安全</i>' }).expect(201);
    expect(category.body.category.name).toBe('安全');

    const question = await t.http.post('/api/v1/questions').set(admin).send({
      type: 'single', stem: '<img src=x onerror=alert(1)>哪个正确？', options: [{ key: 'A', text: '<script>x()</script>甲' }, { key: 'B', text: '1 < 2' }], answer: ['A'],
      explanation: '<iframe src=https://evil.example.com></iframe>因为', difficulty: 1,
    }).expect(201);
    expect(question.body.question).toMatchObject({ stem: '哪个正确？', explanation: '因为' });
    expect(question.body.question.options).toEqual([{ key: 'A', text: '甲' }, { key: 'B', text: '1 ＜ 2' }]);
    const q2 = await t.http.patch(`/api/v1/questions/${question.body.question.id}`).set(admin).send({ stem: '<b>改</b>' }).expect(200);
    expect(q2.body.question.stem).toBe('改');
    await t.http.post('/api/v1/questions').set(admin).send({ type: 'true_false', stem: '<script>alert(1)</script>', answer: [true] }).expect(400);

    const exam = await t.http.post('/api/v1/exams').set(admin).send({ title: '<img src=x onerror=alert(1)>结业考试' }).expect(201);
    expect(exam.body.exam.title).toBe('结业考试');

    const published = await createCourse(t, a.id);
    const task = await t.http.post('/api/v1/tasks').set(admin).send({
      title: '<script>alert(1)</script>培训', description: '<img src=x onerror=alert(1)>请完成', startsAt: '2026-12-01T00:00:00Z', dueAt: '2026-12-31T00:00:00+08:00',
      items: [{ kind: 'course', refId: published.id }], targets: [{ kind: 'enterprise' }],
    }).expect(201);
    expect(task.body.task).toMatchObject({ title: '培训', description: '请完成' });
    const renamed = await t.http.patch(`/api/v1/tasks/${task.body.task.id}`).set(admin).send({ title: '<u>新</u>培训', description: '<script>x</script>' }).expect(200);
    expect(renamed.body.task).toMatchObject({ title: '新培训', description: '' });
  });

  it('refuses non-http(s) URLs on message cards and neutralises their text', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    for (const url of HOSTILE_URLS) {
      const res = await t.http.post('/api/v1/admin/messages').set(admin)
        .send({ memberIds: [a.admin.id], card: { kind: 'textcard', title: '提醒', description: '内容', url } }).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      await t.http.post('/api/v1/admin/messages').set(admin)
        .send({ memberIds: [a.admin.id], card: { kind: 'template_card', title: '提醒', url } }).expect(400);
    }
    expect(await t.deps.db.prisma.appMessage.count({ where: { tenantId: a.id } })).toBe(0);
    const parsed = card.parse({ kind: 'textcard', title: '<b>提醒</b>', description: '<img src=x onerror=alert(1)>请学习', url: 'https://qixue.example.com/a' });
    expect(parsed).toMatchObject({ title: '提醒', description: '请学习' });
  });

  it('refuses non-http(s) page URLs for JS-SDK signatures', async () => {
    const a = await createTenant(t);
    for (const url of HOSTILE_URLS) {
      const res = await t.http.get('/api/v1/wecom/jssdk-config').query({ url }).set(bearer(a.admin.token)).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });
});

describe('defect 1: chapters stored before sanitising', () => {
  it('are sanitised on the way out', async () => {
    const a = await createTenant(t);
    const course = await createCourse(t, a.id, { chapters: [{ kind: 'article' }] });
    await t.deps.db.prisma.chapter.update({ where: { id: course.chapters[0].id }, data: { body: SCRIPTED, mediaUrl: 'javascript:alert(1)' } });
    const res = await t.http.get(`/api/v1/chapters/${course.chapters[0].id}`).set(bearer(a.admin.token)).expect(200);
    expectNoScript(res.body.chapter.body);
    expect(res.body.chapter.mediaUrl).toBeNull();
  });
});
