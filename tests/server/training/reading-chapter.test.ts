/**
 * A reading (图文) chapter made the obvious way — the admin form sends a title and a body, no
 * minimum — completes only after the server has seen 30 s of visible reading time, reported by
 * heartbeats like a video's; a hidden page (no beats) earns nothing.
 */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember, type TestMember } from '../../factories';
import { fakeClock } from '../../factories/training';

let t: TestApp;
let clock: ReturnType<typeof fakeClock>;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());
beforeEach(() => (clock = fakeClock()));
afterEach(() => clock.restore());

/** What the admin console's course form sends: a course, one article chapter with a body, publish. */
async function courseFromAdminForm(adminToken: string) {
  const admin = bearer(adminToken);
  const course = (await t.http.post('/api/v1/courses').set(admin).send({ title: '信息安全须知', creditHours: 1 }).expect(201)).body.course;
  const chapter = (await t.http.post(`/api/v1/courses/${course.id}/chapters`).set(admin)
    .send({ title: '第一章 密码安全', kind: 'article', body: '<p>不要共享密码。</p>' }).expect(201)).body.chapter;
  expect(chapter.minReadSec).toBe(30); // the author set none: the server's default
  await t.http.post(`/api/v1/courses/${course.id}/publish`).set(admin).expect(200);
  return { courseId: course.id as string, chapterId: chapter.id as string };
}

async function study(m: TestMember, courseId: string) {
  await t.http.post(`/api/v1/courses/${courseId}/enrol`).set(bearer(m.token)).expect(201);
  const session = await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId }).expect(201);
  return session.body.studySession.id as string;
}

function beater(m: TestMember, sessionId: string, chapterId: string) {
  let seq = 0;
  return async (state: 'playing' | 'paused' = 'playing') => {
    const res = await t.http.post(`/api/v1/study-sessions/${sessionId}/heartbeats`).set(bearer(m.token))
      .send({ chapterId, position: 0, state, clientSeq: ++seq }).expect(200);
    return res.body;
  };
}

describe('reading chapters complete under the server rules', () => {
  it('needs 30 s of reading by default, then completes the chapter and the course', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const { courseId, chapterId } = await courseFromAdminForm(a.admin.token);
    const sessionId = await study(m, courseId);
    const before = await t.http.get(`/api/v1/courses/${courseId}/progress`).set(bearer(m.token)).expect(200);
    expect(before.body.chapters[0]).toMatchObject({ kind: 'article', minReadSec: 30, completed: false });

    const beat = beater(m, sessionId, chapterId);
    expect((await beat()).progress).toMatchObject({ creditedSec: 0, completed: false }); // opening the chapter
    for (let s = 5; s < 30; s += 5) {
      clock.advance(5);
      expect((await beat()).progress).toMatchObject({ creditedSec: s, completed: false });
    }
    clock.advance(5);
    const done = await beat();
    expect(done.progress).toMatchObject({ creditedSec: 30, completed: true });
    expect(done.course).toMatchObject({ chaptersDone: 1, chaptersTotal: 1 });
    expect(done.course.completedAt).not.toBeNull();

    const after = await t.http.get(`/api/v1/courses/${courseId}/progress`).set(bearer(m.token)).expect(200);
    expect(after.body.chapters[0]).toMatchObject({ completed: true, creditedSec: 30 });
    expect(after.body.status.completedAt).not.toBeNull();
  });

  it('earns nothing for time the page was hidden (paused, or no heartbeats for over a minute)', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const { courseId, chapterId } = await courseFromAdminForm(a.admin.token);
    const sessionId = await study(m, courseId);
    const beat = beater(m, sessionId, chapterId);
    await beat();
    clock.advance(10);
    expect((await beat('paused')).progress.creditedSec).toBe(10); // the page was hidden here
    clock.advance(50);
    expect((await beat()).progress.creditedSec).toBe(10); // shown again: the hidden 50 s count nothing
    clock.advance(80);
    const frozen = await beat(); // "playing" but silent for 80 s: the app was frozen
    expect(frozen.progress).toMatchObject({ creditedSec: 10, completed: false });
    clock.advance(5);
    expect((await beat()).progress.creditedSec).toBe(15);

    // Hidden past the session timeout: the session ends; the app starts a new one and reading goes on.
    clock.advance(10 * 60);
    const ended = await t.http.post(`/api/v1/study-sessions/${sessionId}/heartbeats`).set(bearer(m.token))
      .send({ chapterId, position: 0, state: 'playing', clientSeq: 99 }).expect(409);
    expect(ended.body.error.code).toBe('study_session_ended');
    const next = (await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId }).expect(201)).body.studySession.id;
    const again = beater(m, next, chapterId);
    expect((await again()).progress.creditedSec).toBe(15);
    clock.advance(5);
    expect((await again()).progress.creditedSec).toBe(20);
  });

  it('keeps an explicit minimum the author set, and another enterprise cannot beat into the session', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const admin = bearer(a.admin.token);
    const course = (await t.http.post('/api/v1/courses').set(admin).send({ title: '短文', creditHours: 1 }).expect(201)).body.course;
    const chapter = (await t.http.post(`/api/v1/courses/${course.id}/chapters`).set(admin).send({ title: '读一读', kind: 'article', body: '<p>短</p>', minReadSec: 10 }).expect(201)).body.chapter;
    await t.http.post(`/api/v1/courses/${course.id}/publish`).set(admin).expect(200);
    const sessionId = await study(m, course.id);
    const b = await createTenant(t);
    const stranger = await createMember(t, b.id);
    await t.http.post(`/api/v1/study-sessions/${sessionId}/heartbeats`).set(bearer(stranger.token))
      .send({ chapterId: chapter.id, position: 0, state: 'playing', clientSeq: 1 }).expect(404);
    const beat = beater(m, sessionId, chapter.id);
    await beat();
    clock.advance(10);
    expect((await beat()).progress.completed).toBe(true);
  });
});
