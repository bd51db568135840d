import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember, type TestMember } from '../../factories';
import { createCourse, enrolMember, fakeClock } from '../../factories/training';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { createSession } from '../../../server/src/core/auth/sessions';

let t: TestApp;
let clock: ReturnType<typeof fakeClock>;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());
beforeEach(() => (clock = fakeClock()));
afterEach(() => clock.restore());

async function setup(chapters = [{ kind: 'video' as const, durationSec: 60 }]) {
  const a = await createTenant(t);
  const m = await createMember(t, a.id);
  const course = await createCourse(t, a.id, { chapters });
  await enrolMember(t, a.id, course.id, m.id);
  const session = await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId: course.id }).expect(201);
  return { a, m, course, sessionId: session.body.studySession.id as string };
}

function beater(m: TestMember, sessionId: string, chapterId: string) {
  let seq = 0;
  return async (position: number, state: 'playing' | 'paused' = 'playing', expectStatus = 200) => {
    const res = await t.http.post(`/api/v1/study-sessions/${sessionId}/heartbeats`).set(bearer(m.token))
      .send({ chapterId, position, state, clientSeq: ++seq });
    expect(res.status).toBe(expectStatus);
    return res.body;
  };
}

describe('heartbeats: the server decides completion', () => {
  it('a video watched to the end in real time is complete, with time credited no faster than the clock', async () => {
    const { m, course, sessionId } = await setup();
    const beat = beater(m, sessionId, course.chapters[0].id);
    await beat(0);
    let res;
    for (let p = 10; p <= 60; p += 10) {
      clock.advance(10);
      res = await beat(p);
    }
    expect(res.progress).toMatchObject({ completed: true, furthestSec: 60 });
    expect(res.progress.creditedSec).toBeLessThanOrEqual(60);
    expect(res.course).toMatchObject({ chaptersDone: 1, chaptersTotal: 1 });
    const view = await t.http.get(`/api/v1/courses/${course.id}/progress`).set(bearer(m.token)).expect(200);
    expect(view.body.chapters[0]).toMatchObject({ completed: true });
    expect(view.body.status.completedAt).not.toBeNull();
  });

  it('skipping ahead is not credited and is recorded for admins', async () => {
    const { a, m, course, sessionId } = await setup();
    const beat = beater(m, sessionId, course.chapters[0].id);
    await beat(0);
    clock.advance(10);
    await beat(10);
    clock.advance(10);
    const jumped = await beat(58);
    expect(jumped.progress).toMatchObject({ completed: false, furthestSec: 10 });
    expect(jumped.progress.flagged).toEqual(['seek_ahead']);
    clock.advance(5);
    const end = await beat(60);
    expect(end.progress.completed).toBe(false);
    const events = await t.http.get('/api/v1/suspicious-events').set(bearer(a.admin.token)).expect(200);
    expect(events.body.items.map((e: { kind: string }) => e.kind)).toContain('seek_ahead');
    // In words and by name: the member for the host's name component, the course and chapter by title.
    const seek = events.body.items.find((e: { kind: string }) => e.kind === 'seek_ahead');
    expect(seek).toMatchObject({
      description: '视频拖动到未看过的位置', member: { id: m.id, hostUserId: m.hostUserId },
      course: { id: course.id, title: expect.any(String) }, chapter: { id: course.chapters[0].id, title: expect.any(String) },
    });
    await t.http.get('/api/v1/suspicious-events').expect(401);
    await t.http.get('/api/v1/suspicious-events').set(bearer(m.token)).expect(403);
    for (const q of ['limit=0', 'kind=teleport', `memberId=${'x'.repeat(40)}`, 'limit=abc']) {
      await t.http.get(`/api/v1/suspicious-events?${q}`).set(bearer(a.admin.token)).expect(400);
    }
    await t.http.get('/api/v1/suspicious-events?memberId=__proto__').set(bearer(a.admin.token)).expect(404);
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/suspicious-events?memberId=${m.id}` });
  });

  it('fast-forwarded time is not credited (2× speed)', async () => {
    const { m, course, sessionId } = await setup();
    const beat = beater(m, sessionId, course.chapters[0].id);
    await beat(0);
    let last;
    for (let p = 20; p <= 60; p += 20) {
      clock.advance(10);
      last = await beat(p);
    }
    expect(last.progress.completed).toBe(false);
    expect(last.progress.creditedSec).toBe(0);
    expect(last.progress.flagged).toEqual(['impossible_speed']);
  });

  it('paused time is not credited, and a document needs its minimum reading time', async () => {
    const { m, course, sessionId } = await setup([{ kind: 'document', minReadSec: 60 } as never]);
    const beat = beater(m, sessionId, course.chapters[0].id);
    await beat(0, 'paused');
    clock.advance(30);
    expect((await beat(0, 'playing')).progress).toMatchObject({ creditedSec: 0, completed: false });
    clock.advance(30);
    expect((await beat(0, 'playing')).progress).toMatchObject({ creditedSec: 30, completed: false });
    clock.advance(30);
    expect((await beat(0, 'playing')).progress).toMatchObject({ creditedSec: 60, completed: true });
  });

  it('two chapters open at once earn the wall clock once', async () => {
    const { m, course, sessionId } = await setup([{ kind: 'document', minReadSec: 100 } as never, { kind: 'document', minReadSec: 100 } as never]);
    const a = beater(m, sessionId, course.chapters[0].id);
    const b = beater(m, sessionId, course.chapters[1].id);
    await a(0);
    await b(0);
    clock.advance(20);
    const ra = await a(0);
    const rb = await b(0);
    expect(ra.progress.creditedSec + rb.progress.creditedSec).toBe(20);
  });

  it('heartbeats are idempotent: a replayed clientSeq changes nothing', async () => {
    const { m, course, sessionId } = await setup();
    const send = (clientSeq: number, position: number) =>
      t.http.post(`/api/v1/study-sessions/${sessionId}/heartbeats`).set(bearer(m.token)).send({ chapterId: course.chapters[0].id, position, state: 'playing', clientSeq }).expect(200);
    await send(1, 0);
    clock.advance(10);
    const first = await send(2, 10);
    clock.advance(10);
    const replay = await send(2, 10);
    expect(replay.body.progress).toMatchObject({ duplicate: true, creditedSec: first.body.progress.creditedSec, furthestSec: 10 });
    // Concurrent replays of one heartbeat credit it once.
    clock.advance(10);
    const burst = await Promise.all([send(3, 30), send(3, 30), send(3, 30)]);
    expect(burst.filter((r) => !r.body.progress.duplicate)).toHaveLength(1);
    const row = await t.deps.db.prisma.chapterProgress.findFirst({ where: { memberId: m.id, chapterId: course.chapters[0].id } });
    expect(row).toMatchObject({ lastSeq: 3, furthestSec: 30 });
  });

  it('many heartbeats in flight at once are applied in order, each once', async () => {
    const { m, course, sessionId } = await setup([{ kind: 'document', minReadSec: 1000 } as never, { kind: 'document', minReadSec: 1000 } as never]);
    const send = (chapterId: string, clientSeq: number) =>
      t.http.post(`/api/v1/study-sessions/${sessionId}/heartbeats`).set(bearer(m.token)).send({ chapterId, position: clientSeq, state: 'playing', clientSeq });
    const all = [];
    for (let seq = 1; seq <= 40; seq++) for (const ch of course.chapters) all.push(send(ch.id, seq), send(ch.id, seq));
    const res = await Promise.all(all);
    expect(res.every((r) => r.status === 200)).toBe(true);
    expect(res.filter((r) => !r.body.progress.duplicate).length).toBeLessThanOrEqual(80);
    const rows = await t.deps.db.prisma.chapterProgress.findMany({ where: { memberId: m.id }, select: { lastSeq: true, positionSec: true } });
    expect(rows.map((r) => [r.lastSeq, r.positionSec])).toEqual([[40, 40], [40, 40]]);
  });

  it('reopening the course on the same device resumes the session; another course there is refused', async () => {
    const { a, m, course, sessionId } = await setup();
    clock.advance(30);
    const again = await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId: course.id }).expect(200);
    expect(again.body).toMatchObject({ resumed: true, studySession: { id: sessionId } });
    const other = await createCourse(t, a.id);
    await enrolMember(t, a.id, other.id, m.id);
    expect((await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId: other.id }).expect(409)).body.error.code).toBe('parallel_session');
    // Past the timeout the old one is gone: a new session.
    clock.advance(120);
    const fresh = await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId: course.id }).expect(201);
    expect(fresh.body.studySession.id).not.toBe(sessionId);
  });

  it('a parallel study session (another device) is refused with 409 and recorded; ending the first allows a new one', async () => {
    const { a, m, course, sessionId } = await setup();
    const device2 = (await createSession(t.deps.db.prisma, { tenantId: a.id, memberId: m.id, method: 'test', ttlHours: 1 })).token;
    const second = await t.http.post('/api/v1/study-sessions').set(bearer(device2)).send({ courseId: course.id }).expect(409);
    expect(second.body.error).toMatchObject({ code: 'parallel_session', details: { activeSessionId: sessionId } });
    const events = await t.http.get(`/api/v1/suspicious-events?memberId=${m.id}&kind=parallel_session`).set(bearer(a.admin.token)).expect(200);
    expect(events.body.items).toHaveLength(1);
    await t.http.delete(`/api/v1/study-sessions/${sessionId}`).set(bearer(m.token)).expect(200);
    const ended = await t.http.post(`/api/v1/study-sessions/${sessionId}/heartbeats`).set(bearer(m.token))
      .send({ chapterId: course.chapters[0].id, position: 0, state: 'playing', clientSeq: 1 }).expect(409);
    expect(ended.body.error.code).toBe('study_session_ended');
    await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId: course.id }).expect(201);
  });

  it('a silent session times out; heartbeats after the enrolment window are refused', async () => {
    const { m, course, sessionId } = await setup();
    const beat = beater(m, sessionId, course.chapters[0].id);
    await beat(0);
    clock.advance(120);
    expect((await beat(10, 'playing', 409)).error.code).toBe('study_session_ended');
    const next = await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId: course.id }).expect(201);
    clock.advance(91 * 86_400);
    const late = beater(m, next.body.studySession.id, course.chapters[0].id);
    expect((await late(0, 'playing', 403)).error.code).toBe('enrolment_expired');
  });

  it('validates input, needs a session, and strangers get 404', async () => {
    const { m, course, sessionId } = await setup();
    const url = `/api/v1/study-sessions/${sessionId}/heartbeats`;
    const good = { chapterId: course.chapters[0].id, position: 0, state: 'playing', clientSeq: 1 };
    await t.http.post(url).send(good).expect(401);
    await t.http.post(url).set(bearer(m.token)).send({ ...good, state: 'ff' }).expect(400);
    await t.http.post(url).set(bearer(m.token)).send({ ...good, clientSeq: 0 }).expect(400);
    await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({}).expect(400);
    await t.http.post('/api/v1/study-sessions').send({ courseId: course.id }).expect(401);
    const other = await createCourse(t, m.tenantId);
    expect((await t.http.post(url).set(bearer(m.token)).send({ ...good, chapterId: other.chapters[0].id }).expect(400)).body.error.code).toBe('chapter_not_in_session_course');
    await expectOtherTenantGets404(t, { method: 'post', url, body: good });
    await expectOtherTenantGets404(t, { method: 'delete', url: `/api/v1/study-sessions/${sessionId}` });
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/courses/${course.id}/progress` });
    await expectOtherTenantGets404(t, { method: 'post', url: '/api/v1/study-sessions', body: { courseId: course.id } });
    // Another member of the same enterprise cannot use this session.
    const colleague = await createMember(t, m.tenantId);
    await t.http.post(url).set(bearer(colleague.token)).send(good).expect(404);
  });
});
