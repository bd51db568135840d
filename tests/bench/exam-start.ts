/**
 * 2,000 exam takers starting the same exam at the same moment (MariaDB). Measured: what the route
 * POST /api/v1/exams/:id/attempts does once the request is authenticated — startAttempt (group
 * committed) and presenting the paper — for 2,000 members at once. Target: p99 < 300 ms, no errors.
 * Baseline, same run: the naive write, one Prisma examAttempt.create per taker, 2,000 at once.
 * With BENCH_HTTP=1 it also fires the 2,000 requests over HTTP, and GET /api/v1/me for comparison
 * (authentication alone), for information.
 *
 *   npm run bench -- exam-start        (BENCH_DATABASE_URL, default mysql://root@127.0.0.1:3306)
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '@qixue/config';
import { createApp, LISTEN_BACKLOG } from '../../server/src/app';
import { buildDeps } from '../../server/src/bootstrap';
import { hashToken, newToken } from '../../server/src/core/tokens';
import { scopeToTenant } from '../../server/src/core/tenancy';
import { presentOpenAttempt, startAttempt } from '../../server/src/modules/exams/service';
import { percentile, report, round } from './_support';
import { bulkInsert, id, withBenchDatabase } from './_training';

const TAKERS = Number(process.env.BENCH_TAKERS ?? 2000);
const QUESTIONS = 20;

async function burst(url: string, tokens: string[], method: string) {
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      const s = performance.now();
      try {
        const res = await fetch(url, { method, headers: { Authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { questions?: unknown[] };
        if (res.status >= 300 || (method === 'POST' && body.questions?.length !== QUESTIONS)) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - s);
    }),
  );
  return { latencies, errors, seconds: (performance.now() - t0) / 1000 };
}

void withBenchDatabase('exam_start', async (db) => {
  const tenantId = id('tbench', 2);
  const now = new Date();
  await bulkInsert(db, 'Tenant', ['id', 'name', 'updatedAt'], [[tenantId, '考试压测企业', now]]);
  const members = Array.from({ length: TAKERS }, (_, i) => id('m', i));
  await bulkInsert(db, 'Member', ['id', 'tenantId', 'hostUserId', 'updatedAt'], members.map((m) => [m, tenantId, m, now]));
  const tokens = members.map(() => newToken());
  await bulkInsert(db, 'Session', ['id', 'tenantId', 'memberId', 'tokenHash', 'method', 'expiresAt'], members.map((m, i) => [id('s', i), tenantId, m, hashToken(tokens[i]), 'bench', new Date(Date.now() + 3_600_000)]));
  const questions = Array.from({ length: QUESTIONS }, (_, i) => id('q', i));
  await bulkInsert(db, 'Question', ['id', 'tenantId', 'type', 'stem', 'options', 'answer', 'difficulty', 'updatedAt'], questions.map((q, i) => [q, tenantId, 'single', `第${i}题`, JSON.stringify([{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }]), JSON.stringify(['A']), 1, now]));
  const examId = id('exam', 1);
  await bulkInsert(db, 'Exam', ['id', 'tenantId', 'title', 'status', 'mode', 'timeLimitSec', 'maxAttempts', 'passScore', 'resultVisibility', 'updatedAt'], [[examId, tenantId, '结业考试', 'published', 'fixed', 3600, 1, 60, 'score', now]]);
  await bulkInsert(db, 'ExamQuestion', ['tenantId', 'examId', 'questionId', 'sortOrder', 'score'], questions.map((q, i) => [tenantId, examId, q, i, 5]));

  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SECRET_KEY: 'bench-secret-key-0123456789-abcdefghijklmnop', DATABASE_URL: 'mysql://unused@127.0.0.1/x' });
  const deps = buildDeps(config, db, pino({ level: 'silent' }));
  const scoped = scopeToTenant(db.prisma, tenantId);

  // Baseline: the naive write — one Prisma create per taker, all at once (on a twin exam).
  const twin = id('exam', 2);
  await bulkInsert(db, 'Exam', ['id', 'tenantId', 'title', 'status', 'mode', 'timeLimitSec', 'maxAttempts', 'passScore', 'resultVisibility', 'updatedAt'], [[twin, tenantId, '对照', 'published', 'fixed', 3600, 1, 60, 'score', now]]);
  const paper = questions.map((questionId) => ({ questionId, score: 5 }));
  const naive: number[] = [];
  let naiveErrors = 0;
  await Promise.all(members.map(async (memberId) => {
    const s0 = performance.now();
    await scoped.examAttempt.create({ data: { tenantId, examId: twin, memberId, attemptNo: 1, paper, deadlineAt: new Date(Date.now() + 3_600_000), maxScore: 100 } }).catch(() => naiveErrors++);
    naive.push(performance.now() - s0);
  }));
  const baseline = percentile(naive, 99);
  console.log(`baseline: ${TAKERS} × prisma examAttempt.create at once: p50 ${round(percentile(naive, 50))} ms, p99 ${round(baseline)} ms, ${naiveErrors} errors`);

  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(members.map(async (memberId, i) => {
    const s0 = performance.now();
    try {
      const actor = { sessionId: id('s', i), tenantId, memberId, role: 'member' as const };
      const { attempt, resumed } = await startAttempt(deps, scoped, actor, examId);
      const body = await presentOpenAttempt(scoped, tenantId, attempt, { fresh: !resumed });
      if (resumed || body.questions.length !== QUESTIONS || JSON.stringify(body).includes('"answer"')) errors++;
    } catch (err) {
      if (errors++ < 3) console.error(err);
    }
    latencies.push(performance.now() - s0);
  }));
  const seconds = (performance.now() - t0) / 1000;
  const p99 = percentile(latencies, 99);
  const [stored] = await db.raw.query<{ n: number }>('SELECT COUNT(*) AS n FROM `ExamAttempt` WHERE `tenantId` = ? AND `examId` = ?', [tenantId, examId]);
  console.log(`exam-start: ${TAKERS} takers at once in ${round(seconds)} s: p50 ${round(percentile(latencies, 50))} ms, p99 ${round(p99)} ms, ${errors} errors, ${stored.n} attempts stored`);


  await new Promise((r) => setTimeout(r, 1000));
  let http: Record<string, unknown> | undefined;
  if (process.env.BENCH_HTTP === '1') {
    await db.raw.execute('DELETE FROM `ExamAttempt` WHERE `tenantId` = ? AND `examId` = ?', [tenantId, examId]);
    const server = createApp(deps).listen(0, '127.0.0.1', LISTEN_BACKLOG);
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const me = await burst(`${base}/api/v1/me`, tokens, 'GET');
      const start = await burst(`${base}/api/v1/exams/${examId}/attempts`, tokens, 'POST');
      http = { meP99Ms: round(percentile(me.latencies, 99)), meErrors: me.errors, startP99Ms: round(percentile(start.latencies, 99)), startErrors: start.errors };
      console.log(`http: GET /me p99 ${http.meP99Ms} ms (${me.errors} errors); POST attempts p99 ${http.startP99Ms} ms (${start.errors} errors)`);
    } finally {
      await new Promise((r) => server.close(r));
    }
  }
  report('exam-start', {
    takers: TAKERS, seconds: round(seconds), p50Ms: round(percentile(latencies, 50)), p99Ms: round(p99), errors, attempts: Number(stored.n),
    ...(http && { http }), baseline: round(baseline), ratio: round(p99 / baseline, 3), target: { p99Ms: 300, errors: 0 },
    pass: p99 < 300 && errors === 0 && Number(stored.n) === TAKERS,
  });
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
