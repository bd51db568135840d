/**
 * No acknowledged heartbeat or exam answer is lost when the server dies: a real server process
 * takes heartbeats and answers from many members at once, is killed with SIGKILL mid-load, and
 * every write it answered 2xx to must be in the database afterwards. Then it restarts and a
 * replayed heartbeat is recognised as already applied.
 */
import { startServerProcess, type ServerProcess } from '../../support/server-process';
import { readTestDatabase } from '../../support/test-database';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createTenant, createMember, type TestMember } from '../../factories';
import { createExam, createQuestion, enrolMember } from '../../factories/training';
import { drawnPaper } from '../../../server/src/modules/exams/paper-store';

let t: TestApp;
let server: ServerProcess | undefined;
beforeAll(async () => (t = await startTestApp()));
afterAll(async () => {
  await server?.stop('SIGKILL');
  await t.close();
}, 30_000);

const MEMBERS = 12;
const CHAPTERS = 400;
const QUESTIONS = 60;

it('SIGKILL under heartbeat and answer load loses no acknowledged write', async () => {
  const prisma = t.deps.db.prisma;
  const a = await createTenant(t);
  const course = await prisma.course.create({ data: { tenantId: a.id, title: '压测课程', status: 'published', creditHours: 1 }, select: { id: true } });
  await prisma.chapter.createMany({
    data: Array.from({ length: CHAPTERS }, (_, i) => ({ id: `crashch${a.id.slice(-8)}${String(i).padStart(4, '0')}`, tenantId: a.id, courseId: course.id, title: `章${i}`, kind: 'video' as const, durationSec: 600, sortOrder: i })),
  });
  const chapterIds = (await prisma.chapter.findMany({ where: { courseId: course.id }, orderBy: { sortOrder: 'asc' }, select: { id: true } })).map((c) => c.id);
  const questions: string[] = [];
  for (let i = 0; i < QUESTIONS; i++) questions.push((await createQuestion(t, a.id, { type: 'fill', answer: ['x'] })).id);
  const exam = await createExam(t, a.id, questions, { timeLimitSec: 3600 });

  const paper = drawnPaper(a.id, exam.id, questions.map((questionId) => ({ questionId, score: 1 })));
  await prisma.examPaper.create({ data: { id: paper.id, tenantId: a.id, examId: exam.id, entries: paper.entries.map((e) => ({ ...e })) } });
  const members: { m: TestMember; sessionId: string; attemptId: string }[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const m = await createMember(t, a.id);
    await enrolMember(t, a.id, course.id, m.id);
    const session = await prisma.studySession.create({ data: { tenantId: a.id, memberId: m.id, courseId: course.id, validUntil: new Date(Date.now() + 86_400_000) }, select: { id: true } });
    const attempt = await prisma.examAttempt.create({
      data: { tenantId: a.id, examId: exam.id, memberId: m.id, attemptNo: 1, paperId: paper.id, deadlineAt: new Date(Date.now() + 3_600_000), maxScore: QUESTIONS },
      select: { id: true },
    });
    members.push({ m, sessionId: session.id, attemptId: attempt.id });
  }

  const info = readTestDatabase();
  const env = { DATABASE_URL: info.databaseUrl ?? '', SQLITE_PATH: info.sqlitePath, LOG_LEVEL: 'warn' };
  server = await startServerProcess(env);
  const url = server.url;

  const ackedBeats: { memberId: string; chapterId: string; seq: number }[] = [];
  const ackedAnswers: { attemptId: string; questionId: string; answer: string }[] = [];
  let stop = false;
  const post = async (path: string, method: string, token: string, body: unknown) => {
    try {
      const res = await fetch(`${url}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await res.text();
      return res.status;
    } catch {
      return 0; // connection died with the server: not acknowledged
    }
  };
  const beats = async ({ m, sessionId }: (typeof members)[number]) => {
    for (let seq = 1; seq <= CHAPTERS && !stop; seq++) {
      const chapterId = chapterIds[seq - 1];
      const status = await post(`/api/v1/study-sessions/${sessionId}/heartbeats`, 'POST', m.token, { chapterId, position: 0, state: 'playing', clientSeq: seq });
      if (status === 200) ackedBeats.push({ memberId: m.id, chapterId, seq });
      else if (status !== 0) throw new Error(`heartbeat answered ${status}`);
    }
  };
  const answers = async ({ m, attemptId }: (typeof members)[number]) => {
    for (let i = 0; i < QUESTIONS && !stop; i++) {
      const answer = `ans-${m.id.slice(-6)}-${i}`;
      const status = await post(`/api/v1/attempts/${attemptId}/answers`, 'PUT', m.token, { answers: [{ questionId: questions[i], answer }] });
      if (status === 200) ackedAnswers.push({ attemptId, questionId: questions[i], answer });
      else if (status !== 0) throw new Error(`answer answered ${status}`);
    }
  };

  const load = Promise.all(members.flatMap((x) => [beats(x), answers(x)]));
  // Kill once a good amount has been acknowledged, with requests still in flight.
  const until = Date.now() + 20_000;
  while (ackedBeats.length < 300 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  const { signal } = await server.stop('SIGKILL');
  stop = true;
  await load;
  expect(signal).toBe('SIGKILL'); // died on the spot: no drain, no clean shutdown
  expect(ackedBeats.length).toBeGreaterThan(100);
  expect(ackedAnswers.length).toBeGreaterThan(20);

  const rows = await prisma.chapterProgress.findMany({ where: { tenantId: a.id }, select: { memberId: true, chapterId: true, lastSeq: true } });
  const stored = new Map(rows.map((r) => [`${r.memberId}|${r.chapterId}`, r.lastSeq]));
  const lostBeats = ackedBeats.filter((b) => (stored.get(`${b.memberId}|${b.chapterId}`) ?? -1) < b.seq);
  expect(lostBeats).toEqual([]);
  const saved = await prisma.examAnswer.findMany({ where: { tenantId: a.id }, select: { attemptId: true, questionId: true, answer: true } });
  const answerOf = new Map(saved.map((s) => [`${s.attemptId}|${s.questionId}`, s.answer]));
  const lostAnswers = ackedAnswers.filter((x) => answerOf.get(`${x.attemptId}|${x.questionId}`) !== x.answer);
  expect(lostAnswers).toEqual([]);

  // Restarted, the server recognises an acknowledged heartbeat replayed by the client.
  server = await startServerProcess(env);
  const last = ackedBeats[ackedBeats.length - 1];
  const owner = members.find((x) => x.m.id === last.memberId)!;
  const replay = await fetch(`${server.url}/api/v1/study-sessions/${owner.sessionId}/heartbeats`, {
    method: 'POST', headers: { Authorization: `Bearer ${owner.m.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ chapterId: last.chapterId, position: 0, state: 'playing', clientSeq: last.seq }),
  });
  expect(replay.status).toBe(200);
  expect(((await replay.json()) as { progress: { duplicate: boolean } }).progress.duplicate).toBe(true);
}, 120_000);
