import ExcelJS from 'exceljs';
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember, type TestTenant, type TestMember } from '../../factories';
import { createExam, createQuestion, fakeClock } from '../../factories/training';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { binaryBody } from '../../support/binary-body';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const SECRET = 'SECRET-KEY-7f3a';

/** Walks a response: no answer key, explanation or secret fill-in text anywhere. */
function expectNoKeys(body: unknown, path = '$'): void {
  expect(JSON.stringify(body)).not.toContain(SECRET);
  if (Array.isArray(body)) return body.forEach((v, i) => expectNoKeys(v, `${path}[${i}]`));
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      if (['correctAnswer', 'explanation', 'correct'].includes(k)) throw new Error(`${path}.${k} leaked before submission`);
      if (k === 'answer' && !/\.answers\[\d+\]$/.test(path)) throw new Error(`${path}.answer leaked before submission`);
      expectNoKeys(v, `${path}.${k}`);
    }
  }
}

async function bank(a: TestTenant) {
  const single = await createQuestion(t, a.id, { type: 'single', answer: ['B'] });
  const multiple = await createQuestion(t, a.id, { type: 'multiple', answer: ['A', 'C'] });
  const tf = await createQuestion(t, a.id, { type: 'true_false', answer: [false] });
  const fill = await createQuestion(t, a.id, { type: 'fill', answer: [SECRET, 'one-one-nine'] });
  await t.deps.db.prisma.question.updateMany({ where: { tenantId: a.id }, data: { explanation: `because ${SECRET}` } });
  return { single, multiple, tf, fill, ids: [single.id, multiple.id, tf.id, fill.id] };
}

const correct = (q: Awaited<ReturnType<typeof bank>>) => [
  { questionId: q.single.id, answer: 'B' },
  { questionId: q.multiple.id, answer: ['C', 'A'] },
  { questionId: q.tf.id, answer: false },
  { questionId: q.fill.id, answer: ' ONE-one-nine ' },
];

describe('question bank (admin)', () => {
  it('creates, validates, lists, updates; members and strangers are refused', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const admin = bearer(a.admin.token);
    const q = { type: 'single', stem: '火警电话？', options: [{ key: 'A', text: '110' }, { key: 'B', text: '119' }], answer: ['B'], tags: ['消防'], difficulty: 2 };
    await t.http.post('/api/v1/questions').send(q).expect(401);
    await t.http.post('/api/v1/questions').set(bearer(m.token)).send(q).expect(403);
    await t.http.post('/api/v1/questions').set(admin).send({ ...q, answer: ['C'] }).expect(400);
    await t.http.post('/api/v1/questions').set(admin).send({ ...q, type: 'true_false', answer: ['B'] }).expect(400);
    const created = await t.http.post('/api/v1/questions').set(admin).send(q).expect(201);
    const id = created.body.question.id;
    await t.http.post('/api/v1/questions').set(admin).send({ type: 'fill', stem: '填空', answer: ['x'], difficulty: 3 }).expect(201);
    expect((await t.http.get('/api/v1/questions?tag=消防').set(admin).expect(200)).body.items).toHaveLength(1);
    expect((await t.http.get('/api/v1/questions?difficulty=3').set(admin).expect(200)).body.items).toHaveLength(1);
    await t.http.get('/api/v1/questions?difficulty=9').set(admin).expect(400);
    await t.http.patch(`/api/v1/questions/${id}`).set(admin).send({ difficulty: 4 }).expect(200);
    expect((await t.http.get(`/api/v1/questions/${id}`).set(admin).expect(200)).body.question).toMatchObject({ difficulty: 4, answer: ['B'] });
    await t.http.get(`/api/v1/questions/${id}`).set(bearer(m.token)).expect(403);
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/questions/${id}` });
    await expectOtherTenantGets404(t, { method: 'patch', url: `/api/v1/questions/${id}`, body: { stem: 'x' } }, () => t.deps.db.prisma.question.findUnique({ where: { id } }));
  });

  it('Excel: downloads the template, imports it (all or nothing), exports the bank', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const template = await t.http.get('/api/v1/questions/template').set(admin).buffer(true).parse(binaryBody).expect(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    await t.http.get('/api/v1/questions/template').expect(401);
    const imported = await t.http.post('/api/v1/questions/import').set(admin).set('Content-Type', 'application/octet-stream').send(template.body).expect(201);
    expect(imported.body.imported).toBe(4);
    const list = await t.http.get('/api/v1/questions').set(admin).expect(200);
    expect(list.body.items.map((q: { type: string }) => q.type).sort()).toEqual(['fill', 'multiple', 'single', 'true_false']);
    expect(list.body.items.find((q: { type: string }) => q.type === 'multiple').answer).toEqual(['A', 'B', 'D']);
    expect(list.body.items.find((q: { type: string }) => q.type === 'true_false').answer).toEqual([false]);

    // A bad row: nothing imported, the row is named.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.body);
    book.worksheets[0].getRow(3).getCell(9).value = 'Z';
    const bad = Buffer.from(await book.xlsx.writeBuffer());
    const refused = await t.http.post('/api/v1/questions/import').set(admin).set('Content-Type', 'application/octet-stream').send(bad).expect(400);
    expect(refused.body.error.code).toBe('import_invalid');
    expect(refused.body.error.details.problems[0].row).toBe(3);
    await t.http.post('/api/v1/questions/import').set(admin).set('Content-Type', 'application/octet-stream').send(Buffer.from('not excel')).expect(400);
    expect((await t.http.get('/api/v1/questions').set(admin).expect(200)).body.items).toHaveLength(4);

    const exported = await t.http.get('/api/v1/questions/export').set(admin).buffer(true).parse(binaryBody).expect(200);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(exported.body);
    expect(back.worksheets[0].rowCount).toBe(5);
    const other = await createTenant(t);
    const theirs = await t.http.get('/api/v1/questions/export').set(bearer(other.admin.token)).buffer(true).parse(binaryBody).expect(200);
    const empty = new ExcelJS.Workbook();
    await empty.xlsx.load(theirs.body);
    expect(empty.worksheets[0].rowCount).toBe(1);
  });
});

describe('exams and attempts', () => {
  async function setupExam(opts: Parameters<typeof createExam>[3] = {}) {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const q = await bank(a);
    const exam = await createExam(t, a.id, q.ids, opts);
    return { a, m, q, exam };
  }
  const start = (m: TestMember, examId: string) => t.http.post(`/api/v1/exams/${examId}/attempts`).set(bearer(m.token));

  it('no answer key in any response before submission; graded on the server; full results after', async () => {
    const { m, q, exam } = await setupExam({ resultVisibility: 'full' });
    expectNoKeys((await t.http.get('/api/v1/exams').set(bearer(m.token)).expect(200)).body);
    expectNoKeys((await t.http.get(`/api/v1/exams/${exam.id}`).set(bearer(m.token)).expect(200)).body);
    const started = await start(m, exam.id).expect(201);
    expectNoKeys(started.body);
    expect(started.body.questions).toHaveLength(4);
    const id = started.body.attempt.id;
    expectNoKeys((await start(m, exam.id).expect(200)).body); // resumes the open attempt
    const restarts = await Promise.all([start(m, exam.id), start(m, exam.id), start(m, exam.id)]);
    expect(new Set(restarts.map((r) => r.body.attempt.id))).toEqual(new Set([id]));
    const saved = await t.http.put(`/api/v1/attempts/${id}/answers`).set(bearer(m.token)).send({ answers: correct(q) }).expect(200);
    expectNoKeys(saved.body);
    expectNoKeys((await t.http.get(`/api/v1/attempts/${id}`).set(bearer(m.token)).expect(200)).body);
    expectNoKeys((await t.http.post(`/api/v1/attempts/${id}/switch-away`).set(bearer(m.token)).expect(200)).body);
    expectNoKeys((await t.http.get(`/api/v1/exams/${exam.id}`).set(bearer(m.token)).expect(200)).body);

    const submitted = await t.http.post(`/api/v1/attempts/${id}/submit`).set(bearer(m.token)).expect(200);
    expect(submitted.body.attempt).toMatchObject({ status: 'submitted', score: 100, passed: true });
    expect(submitted.body.questions[0]).toHaveProperty('correctAnswer');
    // Submitting twice is harmless: same result.
    const again = await t.http.post(`/api/v1/attempts/${id}/submit`).set(bearer(m.token)).expect(200);
    expect(again.body.attempt).toEqual(submitted.body.attempt);
    expect((await t.http.put(`/api/v1/attempts/${id}/answers`).set(bearer(m.token)).send({ answers: correct(q) }).expect(409)).body.error.code).toBe('attempt_submitted');
  });

  it('wrong answers fail; result visibility "score" hides keys, "hidden" hides the score', async () => {
    const { m, q, exam } = await setupExam({ resultVisibility: 'score', maxAttempts: 1 });
    const id = (await start(m, exam.id).expect(201)).body.attempt.id;
    await t.http.put(`/api/v1/attempts/${id}/answers`).set(bearer(m.token)).send({ answers: [{ questionId: q.single.id, answer: 'B' }, { questionId: q.multiple.id, answer: ['A'] }] }).expect(200);
    const res = await t.http.post(`/api/v1/attempts/${id}/submit`).set(bearer(m.token)).expect(200);
    expect(res.body.attempt).toMatchObject({ score: 25, passed: false });
    expectNoKeys(res.body);
    expect((await start(m, exam.id).expect(409)).body.error.code).toBe('attempts_exhausted');

    const hidden = await setupExam({ resultVisibility: 'hidden' });
    const hid = (await start(hidden.m, hidden.exam.id).expect(201)).body.attempt.id;
    const r2 = await t.http.post(`/api/v1/attempts/${hid}/submit`).set(bearer(hidden.m.token)).expect(200);
    expect(r2.body.attempt.score).toBeUndefined();
    // Admins see every score.
    const list = await t.http.get(`/api/v1/exams/${hidden.exam.id}/attempts`).set(bearer(hidden.a.admin.token)).expect(200);
    expect(list.body.items[0]).toMatchObject({ score: 0, passed: false });
  });

  it('the time limit is enforced on the server: late answers refused, attempt submitted with what came in time', async () => {
    const clock = fakeClock();
    try {
      const { m, q, exam } = await setupExam({ timeLimitSec: 60, maxAttempts: 2 });
      const id = (await start(m, exam.id).expect(201)).body.attempt.id;
      await t.http.put(`/api/v1/attempts/${id}/answers`).set(bearer(m.token)).send({ answers: [correct(q)[0]] }).expect(200);
      clock.advance(70);
      const late = await t.http.put(`/api/v1/attempts/${id}/answers`).set(bearer(m.token)).send({ answers: correct(q).slice(1) }).expect(409);
      expect(late.body.error.code).toBe('time_limit_exceeded');
      const view = await t.http.get(`/api/v1/attempts/${id}`).set(bearer(m.token)).expect(200);
      expect(view.body.attempt).toMatchObject({ status: 'submitted', endReason: 'time_limit', score: 25 });
      // A second attempt is allowed (limit 2), a third is not.
      const second = (await start(m, exam.id).expect(201)).body.attempt;
      expect(second.attemptNo).toBe(2);
      clock.advance(3600);
      expect((await start(m, exam.id).expect(409)).body.error.code).toBe('attempts_exhausted');
    } finally {
      clock.restore();
    }
  });

  it('switching away past the limit submits the attempt and is recorded', async () => {
    const { a, m, exam } = await setupExam({ maxSwitchAways: 1 });
    const id = (await start(m, exam.id).expect(201)).body.attempt.id;
    expect((await t.http.post(`/api/v1/attempts/${id}/switch-away`).set(bearer(m.token)).expect(200)).body).toMatchObject({ switchAways: 1, submitted: false });
    expect((await t.http.post(`/api/v1/attempts/${id}/switch-away`).set(bearer(m.token)).expect(200)).body).toMatchObject({ switchAways: 2, submitted: true });
    const events = await t.http.get(`/api/v1/suspicious-events?kind=switch_away`).set(bearer(a.admin.token)).expect(200);
    expect(events.body.items).toHaveLength(2);
  });

  it('a save racing a submit is either graded or refused: never acknowledged and left out', async () => {
    const a = await createTenant(t);
    const q = await bank(a);
    const exam = await createExam(t, a.id, [q.single.id], { maxAttempts: 1 }); // one question: 100 if graded, 0 if not
    for (let i = 0; i < 20; i++) {
      const m = await createMember(t, a.id);
      const id = (await start(m, exam.id).expect(201)).body.attempt.id;
      const save = () => t.http.put(`/api/v1/attempts/${id}/answers`).set(bearer(m.token)).send({ answers: [{ questionId: q.single.id, answer: 'B' }] }).then((r) => r);
      const submit = () => t.http.post(`/api/v1/attempts/${id}/submit`).set(bearer(m.token)).then((r) => r);
      // Either one leaves first, by 0 to 4 turns of the event loop, so the two meet at different steps.
      const later = async <T>(turns: number, send: () => Promise<T>) => {
        for (let n = 0; n < turns; n++) await new Promise((r) => setImmediate(r));
        return send();
      };
      const turns = Math.floor(i / 2) % 5;
      const [saved, submitted] = i % 2 ? await Promise.all([later(turns, save), submit()]) : await Promise.all([save(), later(turns, submit)]);
      expect(submitted.status).toBe(200);
      const stored = await t.deps.db.prisma.examAnswer.findMany({ where: { tenantId: a.id, attemptId: id } });
      const row = await t.deps.db.prisma.examAttempt.findUnique({ where: { id }, select: { status: true, score: true } });
      if (saved.status === 200) {
        expect(submitted.body.attempt.score).toBe(100);
        expect(row).toEqual({ status: 'submitted', score: 100 });
      } else {
        expect([saved.status, saved.body.error.code]).toEqual([409, 'attempt_submitted']);
        expect(submitted.body.attempt.score).toBe(0);
        expect(row).toEqual({ status: 'submitted', score: 0 });
        expect(stored).toEqual([]);
      }
    }
  });

  it('random papers draw N per rule; too small a bank is a clear error', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    for (let i = 0; i < 5; i++) await createQuestion(t, a.id, { tags: ['消防'], difficulty: 1 });
    for (let i = 0; i < 3; i++) await createQuestion(t, a.id, { tags: ['用电'], difficulty: 2 });
    const admin = bearer(a.admin.token);
    await t.http.post('/api/v1/exams').set(admin).send({ title: '随机', mode: 'random' }).expect(400);
    const exam = await t.http.post('/api/v1/exams').set(admin).send({
      title: '随机卷', mode: 'random', rules: [{ tag: '消防', count: 3, score: 20 }, { difficulty: 2, count: 2, score: 20 }],
    }).expect(201);
    await start(m, exam.body.exam.id).expect(404); // draft
    await t.http.post(`/api/v1/exams/${exam.body.exam.id}/publish`).set(admin).expect(200);
    const attempt = await start(m, exam.body.exam.id).expect(201);
    expect(attempt.body.questions).toHaveLength(5);
    expect(new Set(attempt.body.questions.map((x: { id: string }) => x.id)).size).toBe(5);
    expectNoKeys(attempt.body);
    const big = await t.http.post('/api/v1/exams').set(admin).send({ title: '大', mode: 'random', rules: [{ tag: '用电', count: 9, score: 10 }] }).expect(201);
    await t.http.post(`/api/v1/exams/${big.body.exam.id}/publish`).set(admin).expect(200);
    expect((await start(m, big.body.exam.id).expect(409)).body.error.code).toBe('question_bank_too_small');
  });

  it('exam routes: 401, 400, admin-only, and strangers get 404', async () => {
    const { a, m, q, exam } = await setupExam();
    const admin = bearer(a.admin.token);
    await t.http.post('/api/v1/exams').send({ title: 'x' }).expect(401);
    await t.http.post('/api/v1/exams').set(admin).send({ title: '' }).expect(400);
    await t.http.post('/api/v1/exams').set(bearer(m.token)).send({ title: 'x' }).expect(403);
    await t.http.put(`/api/v1/exams/${exam.id}/questions`).set(admin).send({ questions: [] }).expect(400);
    await t.http.put(`/api/v1/exams/${exam.id}/questions`).set(admin).send({ questions: [{ questionId: 'nope', score: 10 }] }).expect(400);
    await t.http.put(`/api/v1/exams/${exam.id}/questions`).set(admin).send({ questions: q.ids.map((questionId) => ({ questionId, score: 25 })) }).expect(200);
    const adminView = await t.http.get(`/api/v1/exams/${exam.id}`).set(admin).expect(200);
    expect(adminView.body.questions).toHaveLength(4);
    await t.http.patch(`/api/v1/exams/${exam.id}`).set(admin).send({ passScore: 80 }).expect(200);
    const id = (await start(m, exam.id).expect(201)).body.attempt.id;
    await t.http.put(`/api/v1/attempts/${id}/answers`).set(bearer(m.token)).send({ answers: [] }).expect(400);
    expect((await t.http.put(`/api/v1/attempts/${id}/answers`).set(bearer(m.token)).send({ answers: [{ questionId: q.tf.id, answer: 'yes' }] }).expect(400)).body.error.code).toBe('answer_invalid');
    expect((await t.http.put(`/api/v1/attempts/${id}/answers`).set(bearer(m.token)).send({ answers: [{ questionId: 'zzz', answer: 'A' }] }).expect(400)).body.error.code).toBe('question_not_in_paper');
    const colleague = await createMember(t, a.id);
    await t.http.get(`/api/v1/attempts/${id}`).set(bearer(colleague.token)).expect(404);
    // Members starting together each get their own attempt, created once.
    const crowd = await Promise.all(Array.from({ length: 5 }, () => createMember(t, a.id)));
    const started = await Promise.all(crowd.flatMap((c) => [start(c, exam.id), start(c, exam.id)]));
    expect(started.filter((r) => r.status === 201)).toHaveLength(5);
    expect(new Set(started.map((r) => r.body.attempt.id)).size).toBe(5);
    await t.http.put(`/api/v1/attempts/${id}/answers`).expect(401);
    const row = () => t.deps.db.prisma.examAttempt.findUnique({ where: { id } });
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/exams/${exam.id}` });
    await expectOtherTenantGets404(t, { method: 'patch', url: `/api/v1/exams/${exam.id}`, body: { title: 'x' } });
    await expectOtherTenantGets404(t, { method: 'put', url: `/api/v1/exams/${exam.id}/questions`, body: { questions: [{ questionId: q.single.id, score: 1 }] } });
    await expectOtherTenantGets404(t, { method: 'post', url: `/api/v1/exams/${exam.id}/publish` });
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/exams/${exam.id}/attempts` });
    await expectOtherTenantGets404(t, { method: 'post', url: `/api/v1/exams/${exam.id}/attempts` });
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/attempts/${id}` });
    await expectOtherTenantGets404(t, { method: 'put', url: `/api/v1/attempts/${id}/answers`, body: { answers: [{ questionId: q.single.id, answer: 'A' }] } }, row);
    await expectOtherTenantGets404(t, { method: 'post', url: `/api/v1/attempts/${id}/switch-away` }, row);
    await expectOtherTenantGets404(t, { method: 'post', url: `/api/v1/attempts/${id}/submit` }, row);
    await t.http.post(`/api/v1/exams/${exam.id}/close`).set(admin).expect(200);
    await start(m, exam.id).expect(404);
  });
});
