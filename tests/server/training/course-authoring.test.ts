/** Admin editing of courses: chapter order, chapter writes audited, deleting an unused course. */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember } from '../../factories';
import { createCourse, enrolMember } from '../../factories/training';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { expectFuzzHandled } from '../../support/fuzz';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const actions = async (tenantId: string) =>
  (await t.deps.db.prisma.auditLog.findMany({ where: { tenantId }, select: { action: true }, orderBy: { createdAt: 'asc' } })).map((a) => a.action);

describe('chapters of a course', () => {
  it('are reordered by the list of their ids; every chapter write leaves an audit row', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const course = (await t.http.post('/api/v1/courses').set(admin).send({ title: '消防安全' }).expect(201)).body.course;
    const ids: string[] = [];
    for (const title of ['一', '二', '三']) {
      ids.push((await t.http.post(`/api/v1/courses/${course.id}/chapters`).set(admin).send({ title, kind: 'article', body: '<p>正文</p>' }).expect(201)).body.chapter.id);
    }
    const res = await t.http.put(`/api/v1/courses/${course.id}/chapter-order`).set(admin).send({ chapterIds: [ids[2], ids[0], ids[1]] }).expect(200);
    expect(res.body.chapters.map((c: { title: string }) => c.title)).toEqual(['三', '一', '二']);
    const shown = await t.http.get(`/api/v1/courses/${course.id}`).set(admin).expect(200);
    expect(shown.body.chapters.map((c: { id: string }) => c.id)).toEqual([ids[2], ids[0], ids[1]]);

    await t.http.patch(`/api/v1/chapters/${ids[0]}`).set(admin).send({ body: '<p>改过的正文</p>' }).expect(200);
    await t.http.delete(`/api/v1/chapters/${ids[1]}`).set(admin).expect(204);
    expect(await actions(a.id)).toEqual(['course.create', 'chapter.create', 'chapter.create', 'chapter.create', 'course.chapters.reorder', 'chapter.update', 'chapter.delete']);
  });

  it('refuses an order that leaves out, repeats or borrows a chapter (400), strangers (401) and members (403)', async () => {
    const a = await createTenant(t);
    const member = await createMember(t, a.id);
    const admin = bearer(a.admin.token);
    const course = await createCourse(t, a.id, { chapters: [{}, {}] });
    const other = await createCourse(t, a.id, { chapters: [{}] });
    const [c1, c2] = course.chapters.map((c) => c.id);
    const url = `/api/v1/courses/${course.id}/chapter-order`;
    await t.http.put(url).send({ chapterIds: [c2, c1] }).expect(401);
    await t.http.put(url).set(bearer(member.token)).send({ chapterIds: [c2, c1] }).expect(403);
    for (const chapterIds of [[c1], [c1, c1], [c1, c2, other.chapters[0].id], [c1, other.chapters[0].id], []]) {
      const res = await t.http.put(url).set(admin).send({ chapterIds }).expect(400);
      expect(['chapter_order_mismatch', 'validation_failed']).toContain(res.body.error.code);
    }
    const order = async () => (await t.deps.db.prisma.chapter.findMany({ where: { courseId: course.id }, orderBy: { sortOrder: 'asc' }, select: { id: true } })).map((c) => c.id);
    expect(await order()).toEqual([c1, c2]);
    await expectOtherTenantGets404(t, { method: 'put', url, body: { chapterIds: [c2, c1] } }, order);
    await expectFuzzHandled(t, { method: 'put', url, token: a.admin.token, valid: { chapterIds: [c2, c1] } });
    // Only the stripped extra keys of the polluting bodies left a valid order behind.
    expect(await order()).toEqual([c2, c1]);
  });
});

describe('deleting a course', () => {
  it('removes an unused course with its chapters; a course with learners or in a task is 409 course_in_use', async () => {
    const a = await createTenant(t);
    const member = await createMember(t, a.id);
    const admin = bearer(a.admin.token);
    const unused = await createCourse(t, a.id, { status: 'draft', chapters: [{}, { kind: 'article' }] });
    await t.http.delete(`/api/v1/courses/${unused.id}`).expect(401);
    await t.http.delete(`/api/v1/courses/${unused.id}`).set(bearer(member.token)).expect(403);
    await expectOtherTenantGets404(t, { method: 'delete', url: `/api/v1/courses/${unused.id}` }, () => t.deps.db.prisma.chapter.count({ where: { courseId: unused.id } }));
    await t.http.delete(`/api/v1/courses/${unused.id}`).set(admin).expect(204);
    await t.http.get(`/api/v1/courses/${unused.id}`).set(admin).expect(404);
    expect(await t.deps.db.prisma.chapter.count({ where: { courseId: unused.id } })).toBe(0);
    await t.http.delete(`/api/v1/courses/${unused.id}`).set(admin).expect(404);
    expect(await actions(a.id)).toContain('course.delete');

    const studied = await createCourse(t, a.id);
    await enrolMember(t, a.id, studied.id, member.id);
    const refused = await t.http.delete(`/api/v1/courses/${studied.id}`).set(admin).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'course_in_use', details: { enrolments: 1, tasks: 0 } });

    const assigned = await createCourse(t, a.id);
    await t.http.post('/api/v1/tasks').set(admin).send({
      title: '任务', startsAt: new Date().toISOString(), dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      items: [{ kind: 'course', refId: assigned.id }], targets: [{ kind: 'enterprise' }],
    }).expect(201);
    expect((await t.http.delete(`/api/v1/courses/${assigned.id}`).set(admin).expect(409)).body.error.details).toMatchObject({ tasks: 1 });
    // Unpublishing is the way out for a course in use.
    expect((await t.http.post(`/api/v1/courses/${assigned.id}/unpublish`).set(admin).expect(200)).body.course.status).toBe('unpublished');
    await t.http.get(`/api/v1/courses/${assigned.id}`).set(bearer(member.token)).expect(404);
  });

  it('course edits survive fuzzing', async () => {
    const a = await createTenant(t);
    const course = await createCourse(t, a.id);
    await expectFuzzHandled(t, { method: 'patch', url: `/api/v1/courses/${course.id}`, token: a.admin.token, valid: { title: '新标题', creditHours: 2, required: true } }, { allowSuccess: true });
    await expectFuzzHandled(t, { method: 'patch', url: `/api/v1/chapters/${course.chapters[0].id}`, token: a.admin.token, valid: { title: '新章', durationSec: 90 } }, { allowSuccess: true });
    await expectFuzzHandled(t, { method: 'post', url: `/api/v1/courses/${course.id}/chapters`, token: a.admin.token, valid: { title: '新章', kind: 'article', body: '<p>x</p>' } }, { allowSuccess: true });
  });
});
