/**
 * 2,000 exam takers starting the same exam at the same moment, over HTTP against the real server
 * (server/src/main.ts in its own process, MariaDB). Target: p99 < 300 ms, no errors.
 *
 * The takers (this process) each hold a connection, as a phone does once the exam page is open:
 * every taker first opens the exam page. The server then serves a few practice exams the same way
 * (a server that has been up a while has its code compiled and warm), and then all 2,000 press
 * 开始考试 on the real exam at once. Each response must be 201 with the 20 questions and no answer key,
 * and every attempt must be in the database afterwards.
 * Baseline, same run: the naive write, one Prisma examAttempt.create per taker, 2,000 at once.
 * Also printed, for information: the same crowd on GET /healthz (no session, no database), and
 * the CPU time the server and the takers used.
 *
 *   npm run bench -- exam-start     (BENCH_DATABASE_URL, default mysql://root@127.0.0.1:3306;
 *                                    BENCH_TAKERS, default 2000; SERVER_NODE_ARGS to profile the server)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'undici';
import { hashToken, newToken } from '../../server/src/core/tokens';
import { scopeToTenant } from '../../server/src/core/tenancy';
import { startServerProcess } from '../support/server-process';
import { percentile, report, round } from './_support';
import { bulkInsert, id, withBenchDatabase } from './_training';

const TAKERS = Number(process.env.BENCH_TAKERS ?? 2000);
const QUESTIONS = 20;
const PRACTICE_ROUNDS = 3;

interface Reply {
  status: number;
  body: { questions?: unknown[] };
  text: string;
}

/**
 * One taker: one kept-alive connection (an undici Client). Requests go through dispatch() with a
 * bare handler — the load generator shares this machine's two cores with the server, so it should
 * cost as little as it can.
 */
function send(taker: Client, path: string, method: 'GET' | 'POST', token: string): Promise<Reply> {
  return new Promise((done, fail) => {
    let status = 0;
    const chunks: Buffer[] = [];
    taker.dispatch({ path, method, headers: { authorization: `Bearer ${token}` } }, {
      onConnect: () => undefined,
      onError: fail,
      onHeaders: (statusCode) => ((status = statusCode), true),
      onData: (chunk) => (chunks.push(chunk), true),
      onComplete: () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          done({ status, body: JSON.parse(text), text });
        } catch (err) {
          fail(err as Error);
        }
      },
    });
  });
}

/** CPU time used by a process and its descendants (cluster workers), in ms, from /proc (10 ms ticks). */
function cpuMsOf(root: number): number {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const fields = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ');
      return [{ pid: Number(d), ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * 10 }];
    } catch {
      return []; // ended while we looked
    }
  });
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) if (!tree.has(p.pid) && tree.has(p.ppid)) grew = !!tree.add(p.pid);
  }
  return procs.filter((p) => tree.has(p.pid)).reduce((sum, p) => sum + p.ms, 0);
}

interface Burst {
  p50: number;
  p99: number;
  errors: number;
  seconds: number;
  serverCpuMs: number;
  clientCpuMs: number;
}

/** Every taker sends one request at the same moment, each on its own connection. */
async function burst(takers: Client[], serverPid: number, path: string, method: 'GET' | 'POST', tokens: string[], ok: (reply: Reply) => boolean): Promise<Burst> {
  const latencies: number[] = [];
  let errors = 0;
  const serverCpu0 = cpuMsOf(serverPid);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    tokens.map(async (token, i) => {
      const s = performance.now();
      try {
        if (!ok(await send(takers[i], path, method, token))) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - s);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), errors, seconds: round(seconds),
    serverCpuMs: cpuMsOf(serverPid) - serverCpu0, clientCpuMs: round((cpu.user + cpu.system) / 1000),
  };
}

const describe = (label: string, b: Burst) =>
  `${label}: p50 ${b.p50} ms, p99 ${b.p99} ms, ${b.errors} errors, ${b.seconds} s (CPU: server ${b.serverCpuMs} ms, takers ${b.clientCpuMs} ms)`;

void withBenchDatabase('exam_start', async (db, databaseUrl) => {
  const tenantId = id('tbench', 2);
  const now = new Date();
  await bulkInsert(db, 'Tenant', ['id', 'name', 'updatedAt'], [[tenantId, '考试压测企业', now]]);
  const members = Array.from({ length: TAKERS }, (_, i) => id('m', i));
  await bulkInsert(db, 'Member', ['id', 'tenantId', 'hostUserId', 'updatedAt'], members.map((m) => [m, tenantId, m, now]));
  const tokens = members.map(() => newToken());
  await bulkInsert(db, 'Session', ['id', 'tenantId', 'memberId', 'tokenHash', 'method', 'expiresAt'], members.map((m, i) => [id('s', i), tenantId, m, hashToken(tokens[i]), 'bench', new Date(Date.now() + 3_600_000)]));
  const questions = Array.from({ length: QUESTIONS }, (_, i) => id('q', i));
  await bulkInsert(db, 'Question', ['id', 'tenantId', 'type', 'stem', 'options', 'answer', 'difficulty', 'updatedAt'], questions.map((q, i) => [q, tenantId, 'single', `第${i}题`, JSON.stringify([{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }]), JSON.stringify(['A']), 1, now]));
  const addExam = async (examId: string, title: string) => {
    await bulkInsert(db, 'Exam', ['id', 'tenantId', 'title', 'status', 'mode', 'timeLimitSec', 'maxAttempts', 'passScore', 'resultVisibility', 'updatedAt'], [[examId, tenantId, title, 'published', 'fixed', 3600, 1, 60, 'score', now]]);
    await bulkInsert(db, 'ExamQuestion', ['tenantId', 'examId', 'questionId', 'sortOrder', 'score'], questions.map((q, i) => [tenantId, examId, q, i, 5]));
  };
  const examId = id('exam', 1);
  await addExam(examId, '结业考试');
  const practice = Array.from({ length: PRACTICE_ROUNDS }, (_, i) => id('practice', i));
  for (const [i, p] of practice.entries()) await addExam(p, `模拟考试 ${i + 1}`);

  // Baseline: the naive write — one Prisma create per taker, all at once (on a twin exam).
  const twin = id('exam', 2);
  await addExam(twin, '对照');
  const scoped = scopeToTenant(db.prisma, tenantId);
  const paper = questions.map((questionId) => ({ questionId, score: 5 }));
  const naive: number[] = [];
  let naiveErrors = 0;
  await Promise.all(members.map(async (memberId) => {
    const s0 = performance.now();
    await scoped.examAttempt.create({ data: { tenantId, examId: twin, memberId, attemptNo: 1, paper, deadlineAt: new Date(Date.now() + 3_600_000), maxScore: 100 } }).catch(() => naiveErrors++);
    naive.push(performance.now() - s0);
  }));
  const baseline = round(percentile(naive, 99));
  console.log(`baseline: ${TAKERS} × prisma examAttempt.create at once: p50 ${round(percentile(naive, 50))} ms, p99 ${baseline} ms, ${naiveErrors} errors`);

  const server = await startServerProcess({
    NODE_ENV: 'production', LOG_LEVEL: 'info', DATABASE_URL: databaseUrl, WECOM_API_BASE: 'http://127.0.0.1:9', WEB_CONCURRENCY: process.env.BENCH_WORKERS ?? '2',
    SECRET_KEY: 'bench-secret-key-0123456789-abcdefghijklmnop',
  });
  const pid = server.child.pid!;
  const takers = tokens.map(() => new Client(server.url, { pipelining: 1 }));
  const startOk = (r: Reply) => r.status === 201 && r.body.questions?.length === QUESTIONS && !r.text.includes('"answer"');
  try {
    const page = await burst(takers, pid, `/api/v1/exams/${examId}`, 'GET', tokens, (r) => r.status === 200);
    console.log(describe(`${TAKERS} × GET exam page (opening connections)`, page));
    for (const [i, p] of practice.entries()) {
      console.log(describe(`warm-up ${i + 1}/${PRACTICE_ROUNDS}: ${TAKERS} × start a practice exam`, await burst(takers, pid, `/api/v1/exams/${p}/attempts`, 'POST', tokens, startOk)));
    }
    const floor = await burst(takers, pid, '/healthz', 'GET', tokens, (r) => r.status === 200);
    console.log(describe(`floor: ${TAKERS} × GET /healthz (no session, no database)`, floor));
    await new Promise((r) => setTimeout(r, 1000));

    const start = await burst(takers, pid, `/api/v1/exams/${examId}/attempts`, 'POST', tokens, startOk);
    console.log(describe(`exam-start: ${TAKERS} × POST /api/v1/exams/:id/attempts at once`, start));
    const [stored] = await db.raw.query<{ n: number }>('SELECT COUNT(*) AS n FROM `ExamAttempt` WHERE `tenantId` = ? AND `examId` = ?', [tenantId, examId]);
    console.log(`attempts stored: ${stored.n} of ${TAKERS}`);

    report('exam-start', {
      takers: TAKERS, p50Ms: start.p50, p99Ms: start.p99, errors: start.errors, seconds: start.seconds, attemptsStored: Number(stored.n),
      serverCpuMs: start.serverCpuMs, takersCpuMs: start.clientCpuMs, floorP99Ms: floor.p99, pageP99Ms: page.p99,
      baseline, ratio: round(start.p99 / baseline, 3), target: { p99Ms: 300, errors: 0 },
      pass: start.p99 < 300 && start.errors === 0 && Number(stored.n) === TAKERS,
    });
  } finally {
    await Promise.all(takers.map((t) => t.close()));
    await server.stop();
  }
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
