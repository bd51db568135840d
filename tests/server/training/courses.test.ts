import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember } from '../../factories';
import { createCourse, createKbDocument, enrolMember, fakeClock } from '../../factories/training';
import { expectOtherTenantGets404 } from '../../support/isolation';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe('course authoring (admin)', () => {
  it('creates categories, courses and chapters; publishes; refuses members, bad input and strangers', async () => {
    const a = await createTenant(t);
    const member = await createMember(t, a.id);
    const admin = bearer(a.admin.token);

    await t.http.post('/api/v1/course-categories').send({ name: '安全' }).expect(401);
    await t.http.post('/api/v1/course-categories').set(admin).send({ name: '' }).expect(400);
    await t.http.post('/api/v1/course-categories').set(bearer(member.token)).send({ name: '安全' }).expect(403);
    const cat = await t.http.post('/api/v1/course-categories').set(admin).send({ name: '安全' }).expect(201);
    expect((await t.http.post('/api/v1/course-categories').set(admin).send({ name: '安全' }).expect(409)).body.error.code).toBe('category_exists');
    expect((await t.http.get('/api/v1/course-categories').set(bearer(member.token)).expect(200)).body.items).toHaveLength(1);

    await t.http.post('/api/v1/courses').send({ title: 'x' }).expect(401);
    await t.http.post('/api/v1/courses').set(admin).send({ title: '', creditHours: -1 }).expect(400);
    await t.http.post('/api/v1/courses').set(admin).send({ title: '课', categoryId: 'nope' }).expect(400);
    const created = await t.http.post('/api/v1/courses').set(admin)
      .send({ title: '消防安全', creditHours: 3, required: true, categoryId: cat.body.category.id }).expect(201);
    const course = created.body.course;
    expect(course).toMatchObject({ title: '消防安全', creditHours: 3, required: true, validityDays: 90, status: 'draft' });

    // No chapters: cannot publish.
    expect((await t.http.post(`/api/v1/courses/${course.id}/publish`).set(admin).expect(409)).body.error.code).toBe('course_has_no_chapters');
    await t.http.post(`/api/v1/courses/${course.id}/chapters`).set(admin).send({ title: '视频', kind: 'video' }).expect(400);
    const video = await t.http.post(`/api/v1/courses/${course.id}/chapters`).set(admin)
      .send({ title: '视频', kind: 'video', durationSec: 120, mediaUrl: 'https://m.example.com/a.mp4' }).expect(201);
    await t.http.post(`/api/v1/courses/${course.id}/chapters`).set(admin).send({ title: '文章', kind: 'article', body: '内容', minReadSec: 60 }).expect(201);
    await t.http.post(`/api/v1/courses/${course.id}/chapters`).set(admin).send({ title: '知识', kind: 'knowledge', knowledgeDocId: 'doc1' }).expect(400);
    const doc = await createKbDocument(t, a.id, a.admin.id);
    await t.http.post(`/api/v1/courses/${course.id}/chapters`).set(admin).send({ title: '知识', kind: 'knowledge', knowledgeDocId: doc.id }).expect(201);
    await t.http.patch(`/api/v1/chapters/${video.body.chapter.id}`).set(admin).send({ title: '视频一' }).expect(200);
    await t.http.patch(`/api/v1/courses/${course.id}`).set(admin).send({ validityDays: 30 }).expect(200);
    await t.http.patch(`/api/v1/courses/${course.id}`).set(admin).send({}).expect(400);

    // Members do not see drafts.
    await t.http.get(`/api/v1/courses/${course.id}`).set(bearer(member.token)).expect(404);
    expect((await t.http.get('/api/v1/courses').set(bearer(member.token)).expect(200)).body.items).toHaveLength(0);
    await t.http.post(`/api/v1/courses/${course.id}/publish`).set(bearer(member.token)).expect(403);
    const published = await t.http.post(`/api/v1/courses/${course.id}/publish`).set(admin).expect(200);
    expect(published.body.course.status).toBe('published');

    const listed = await t.http.get('/api/v1/courses').set(bearer(member.token)).expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([course.id]);
    expect(listed.body.items[0].status).toBeUndefined();

    // Strangers: 404 on every course route, and nothing changes.
    const row = () => t.deps.db.prisma.course.findUnique({ where: { id: course.id } });
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/courses/${course.id}` });
    await expectOtherTenantGets404(t, { method: 'patch', url: `/api/v1/courses/${course.id}`, body: { title: 'x' } }, row);
    await expectOtherTenantGets404(t, { method: 'post', url: `/api/v1/courses/${course.id}/unpublish` }, row);
    await expectOtherTenantGets404(t, { method: 'post', url: `/api/v1/courses/${course.id}/chapters`, body: { title: 'x', kind: 'article', body: 'b' } });
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/chapters/${video.body.chapter.id}` });
    await expectOtherTenantGets404(t, { method: 'patch', url: `/api/v1/chapters/${video.body.chapter.id}`, body: { title: 'x' } });
    await expectOtherTenantGets404(t, { method: 'delete', url: `/api/v1/chapters/${video.body.chapter.id}` });
    await expectOtherTenantGets404(t, { method: 'post', url: `/api/v1/courses/${course.id}/enrolments`, body: { memberIds: [member.id] } });
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/courses/${course.id}/enrolments` });

    const unpublished = await t.http.post(`/api/v1/courses/${course.id}/unpublish`).set(admin).expect(200);
    expect(unpublished.body.course.status).toBe('unpublished');
    await t.http.get(`/api/v1/courses/${course.id}`).set(bearer(member.token)).expect(404);
  });
});

describe('enrolment and its validity window', () => {
  it('hides chapter content until enrolled; enrolment lasts the course window; after it study is refused', async () => {
    const clock = fakeClock();
    try {
      const a = await createTenant(t);
      const m = await createMember(t, a.id);
      const course = await createCourse(t, a.id, { validityDays: 90 });
      const before = await t.http.get(`/api/v1/courses/${course.id}`).set(bearer(m.token)).expect(200);
      expect(before.body.enrolment).toBeNull();
      expect(before.body.chapters[0].mediaUrl).toBeUndefined();
      expect((await t.http.get(`/api/v1/chapters/${course.chapters[0].id}`).set(bearer(m.token)).expect(403)).body.error.code).toBe('not_enrolled');

      await t.http.post(`/api/v1/courses/${course.id}/enrol`).expect(401);
      const enrolled = await t.http.post(`/api/v1/courses/${course.id}/enrol`).set(bearer(m.token)).expect(201);
      const days = (Date.parse(enrolled.body.enrolment.expiresAt) - Date.parse(enrolled.body.enrolment.startsAt)) / 86_400_000;
      expect(days).toBe(90);
      expect(enrolled.body.enrolment.active).toBe(true);
      const during = await t.http.get(`/api/v1/courses/${course.id}`).set(bearer(m.token)).expect(200);
      expect(during.body.chapters[0].mediaUrl).toBe('https://media.example.com/v.mp4');
      await t.http.get(`/api/v1/chapters/${course.chapters[0].id}`).set(bearer(m.token)).expect(200);
      await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId: course.id }).expect(201);

      clock.advance(91 * 86_400);
      const expired = await t.http.get(`/api/v1/chapters/${course.chapters[0].id}`).set(bearer(m.token)).expect(403);
      expect(expired.body.error.code).toBe('enrolment_expired');
      expect((await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId: course.id }).expect(403)).body.error.code).toBe('enrolment_expired');
      // Enrolling again does not reopen an expired window.
      const again = await t.http.post(`/api/v1/courses/${course.id}/enrol`).set(bearer(m.token)).expect(201);
      expect(again.body.enrolment.active).toBe(false);
      const mine = await t.http.get('/api/v1/me/enrolments').set(bearer(m.token)).expect(200);
      expect(mine.body.items).toHaveLength(1);

      // An admin may renew the window (audited); another enterprise cannot.
      const renewTo = new Date(clock.now + 30 * 86_400_000).toISOString();
      await t.http.patch(`/api/v1/enrolments/${again.body.enrolment.id}`).set(bearer(a.admin.token)).send({ expiresAt: 'soon' }).expect(400);
      await t.http.patch(`/api/v1/enrolments/${again.body.enrolment.id}`).set(bearer(m.token)).send({ expiresAt: renewTo }).expect(403);
      await expectOtherTenantGets404(t, { method: 'patch', url: `/api/v1/enrolments/${again.body.enrolment.id}`, body: { expiresAt: renewTo } });
      const renewed = await t.http.patch(`/api/v1/enrolments/${again.body.enrolment.id}`).set(bearer(a.admin.token)).send({ expiresAt: renewTo }).expect(200);
      expect(renewed.body.enrolment.active).toBe(true);
      await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId: course.id }).expect(201);
    } finally {
      clock.restore();
    }
  });

  it('admins enrol members of their own enterprise only', async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const m = await createMember(t, a.id);
    const stranger = await createMember(t, b.id);
    const course = await createCourse(t, a.id);
    await t.http.post(`/api/v1/courses/${course.id}/enrolments`).set(bearer(a.admin.token)).send({ memberIds: [] }).expect(400);
    await t.http.post(`/api/v1/courses/${course.id}/enrolments`).set(bearer(a.admin.token)).send({ memberIds: [stranger.id] }).expect(400);
    const res = await t.http.post(`/api/v1/courses/${course.id}/enrolments`).set(bearer(a.admin.token)).send({ memberIds: [m.id, m.id] }).expect(201);
    expect(res.body.items).toHaveLength(1);
    await enrolMember(t, a.id, course.id, a.admin.id);
    const list = await t.http.get(`/api/v1/courses/${course.id}/enrolments`).set(bearer(a.admin.token)).expect(200);
    expect(list.body.items).toHaveLength(2);
  });
});
