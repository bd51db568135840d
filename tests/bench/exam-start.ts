/**
 * 2,000 exam takers starting the same exam at the same moment, over HTTP against the real server
 * (server/src/main.ts in its own process, MariaDB). Target: p99 < 300 ms, no errors.
 *
 * The takers (this process) each hold a connection, as a phone does once the exam page is open:
 * every taker first opens the exam page. The server then serves a few practice exams the same way
 * (a server that has been up a while has its code compiled and warm), and then all 2,000 press
 * 开始考试 on the real exam at once — five times by default, each on an exam of its own; the
 * figures are the medians (this machine is noisy). Each response must be 201 with the 20
 * questions and no answer key, and every attempt must be in the database afterwards. The server
 * runs as 2 workers (WEB_CONCURRENCY, one per core here); the takers and the database share the
 * same two cores.
 * Baseline, same run: the naive write, one Prisma examAttempt.create per taker, 2,000 at once.
 * Also printed, for information: the first burst (the exam page, on a server that has not served
 * anything yet), the same crowd on GET /healthz (no session, no database), and the CPU time the
 * server, the takers and the database used.
 *
 *   npm run bench -- exam-start     (BENCH_DATABASE_URL, default mysql://root@127.0.0.1:3306;
 *                                    BENCH_TAKERS, default 2000; BENCH_ROUNDS, default 5 — more rounds
 *                                    for comparing two versions; SERVER_NODE_ARGS to profile the server)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { hashToken, newToken } from '../../server/src/core/tokens';
import { scopeToTenant } from '../../server/src/core/tenancy';
import { drawnPaper } from '../../server/src/modules/exams/paper-store';
import { startServerProcess } from '../support/server-process';
import { Crowd, type CrowdReply } from './_crowd';
import { median, percentile, report, round } from './_support';
import { bulkInsert, id, withBenchDatabase } from './_training';

const TAKERS = Number(process.env.BENCH_TAKERS ?? 2000);
const QUESTIONS = 20;
const PRACTICE_ROUNDS = Number(process.env.BENCH_PRACTICE_ROUNDS ?? 3);
const MEASURED_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Server processes: one per core of this machine (the production setting, WEB_CONCURRENCY). */
const WORKERS = process.env.BENCH_WORKERS ?? '2';

interface Reply {
  status: number;
  body: { questions?: unknown[] };
  text: string;
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

/** The local database server's pid, if it runs on this machine (its CPU time is printed too). */
function databasePid(): number | undefined {
  for (const d of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (/^(mariadbd|mysqld)$/.test(readFileSync(`/proc/${d}/comm`, 'utf8').trim())) return Number(d);
    } catch {
      /* ended while we looked */
    }
  }
  return undefined;
}
const DATABASE_PID = databasePid();

interface Burst {
  p50: number;
  p99: number;
  errors: number;
  seconds: number;
  serverCpuMs: number;
  clientCpuMs: number;
  databaseCpuMs: number | null;
}

/** Every taker sends one request at the same moment, each on its own connection. */
async function burst(takers: Crowd, serverPid: number, path: string, method: 'GET' | 'POST', tokens: string[], ok: (reply: Reply) => boolean): Promise<Burst> {
  const latencies: number[] = [];
  let errors = 0;
  const requests = tokens.map((token) => takers.request(method, path, { Authorization: `Bearer ${token}` }));
  const serverCpu0 = cpuMsOf(serverPid);
  const databaseCpu0 = DATABASE_PID ? cpuMsOf(DATABASE_PID) : 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const replies: (CrowdReply | Error)[] = await Promise.all(
    requests.map(async (request, i) => {
      const s = performance.now();
      const reply = await takers.send(i, request).catch((err: Error) => err);
      latencies.push(performance.now() - s);
      return reply;
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // Checked after the burst: the takers' parsing should not compete with the server for the cores.
  for (const r of replies) {
    try {
      const text = r instanceof Error ? '' : r.body.toString('utf8');
      if (r instanceof Error || !ok({ status: r.status, body: JSON.parse(text), text })) errors++;
    } catch {
      errors++;
    }
  }
  return {
    p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), errors, seconds: round(seconds),
    serverCpuMs: cpuMsOf(serverPid) - serverCpu0, clientCpuMs: round((cpu.user + cpu.system) / 1000),
    databaseCpuMs: DATABASE_PID ? cpuMsOf(DATABASE_PID) - databaseCpu0 : null,
  };
}

const describe = (label: string, b: Burst) =>
  `${label}: p50 ${b.p50} ms, p99 ${b.p99} ms, ${b.errors} errors, ${b.seconds} s (CPU: server ${b.serverCpuMs} ms, takers ${b.clientCpuMs} ms${b.databaseCpuMs === null ? '' : `, database ${b.databaseCpuMs} ms`})`;

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
  const finals = Array.from({ length: MEASURED_ROUNDS }, (_, i) => id('final', i));
  for (const [i, f] of finals.entries()) await addExam(f, `结业考试 ${i + 1}`);
  const practice = Array.from({ length: PRACTICE_ROUNDS }, (_, i) => id('practice', i));
  for (const [i, p] of practice.entries()) await addExam(p, `模拟考试 ${i + 1}`);

  // Baseline: the naive write — one Prisma create per taker, all at once (on a twin exam).
  const twin = id('exam', 2);
  await addExam(twin, '对照');
  const scoped = scopeToTenant(db.prisma, tenantId);
  const paper = drawnPaper(tenantId, twin, questions.map((questionId) => ({ questionId, score: 5 })));
  await scoped.examPaper.create({ data: { id: paper.id, tenantId, examId: twin, entries: paper.entries.map((e) => ({ ...e })) } });
  const naive: number[] = [];
  let naiveErrors = 0;
  await Promise.all(members.map(async (memberId) => {
    const s0 = performance.now();
    await scoped.examAttempt.create({ data: { tenantId, examId: twin, memberId, attemptNo: 1, paperId: paper.id, deadlineAt: new Date(Date.now() + 3_600_000), maxScore: 100 } }).catch(() => naiveErrors++);
    naive.push(performance.now() - s0);
  }));
  const baseline = round(percentile(naive, 99));
  console.log(`baseline: ${TAKERS} × prisma examAttempt.create at once: p50 ${round(percentile(naive, 50))} ms, p99 ${baseline} ms, ${naiveErrors} errors`);

  const server = await startServerProcess({
    NODE_ENV: 'production', LOG_LEVEL: 'info', DATABASE_URL: databaseUrl, WECOM_API_BASE: 'http://127.0.0.1:9', WEB_CONCURRENCY: WORKERS,
    SECRET_KEY: 'bench-secret-key-0123456789-abcdefghijklmnop',
  });
  const pid = server.child.pid!;
  const takers = await Crowd.gather(server.url, TAKERS);
  const startOk = (r: Reply) => r.status === 201 && r.body.questions?.length === QUESTIONS && !r.text.includes('"answer"');
  try {
    const page = await burst(takers, pid, `/api/v1/exams/${finals[0]}`, 'GET', tokens, (r) => r.status === 200);
    console.log(describe(`${TAKERS} × GET exam page on the just-started server (its first requests: nothing compiled or cached yet)`, page));
    for (const [i, p] of practice.entries()) {
      console.log(describe(`warm-up ${i + 1}/${PRACTICE_ROUNDS}: ${TAKERS} × start a practice exam`, await burst(takers, pid, `/api/v1/exams/${p}/attempts`, 'POST', tokens, startOk)));
    }
    const floor = await burst(takers, pid, '/healthz', 'GET', tokens, (r) => r.status === 200);
    console.log(describe(`floor: ${TAKERS} × GET /healthz (no session, no database)`, floor));
    await new Promise((r) => setTimeout(r, 1000));

    const rounds: Burst[] = [];
    for (const [i, f] of finals.entries()) {
      const measured = await burst(takers, pid, `/api/v1/exams/${f}/attempts`, 'POST', tokens, startOk);
      console.log(describe(`exam-start ${i + 1}/${MEASURED_ROUNDS}: ${TAKERS} × POST /api/v1/exams/:id/attempts at once`, measured));
      rounds.push(measured);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const [stored] = await db.raw.query<{ n: number }>(`SELECT COUNT(*) AS n FROM \`ExamAttempt\` WHERE \`tenantId\` = ? AND \`examId\` IN (${finals.map(() => '?').join(', ')})`, [tenantId, ...finals]);
    const expected = TAKERS * MEASURED_ROUNDS;
    const errors = rounds.reduce((n, r) => n + r.errors, 0);
    const mid = (pick: (b: Burst) => number) => round(median(rounds.map(pick)));
    const p99 = mid((r) => r.p99);
    console.log(`exam-start: median of ${MEASURED_ROUNDS} rounds: p50 ${mid((r) => r.p50)} ms, p99 ${p99} ms; ${errors} errors; attempts stored: ${stored.n} of ${expected}`);

    report('exam-start', {
      takers: TAKERS, rounds: MEASURED_ROUNDS, p50Ms: mid((r) => r.p50), p99Ms: p99, p99EachMs: rounds.map((r) => r.p99), errors, attemptsStored: Number(stored.n),
      serverCpuMs: mid((r) => r.serverCpuMs), takersCpuMs: mid((r) => r.clientCpuMs), databaseCpuMs: DATABASE_PID ? mid((r) => r.databaseCpuMs!) : null,
      floorP99Ms: floor.p99, coldPageP99Ms: page.p99, workers: Number(WORKERS),
      baseline, ratio: round(p99 / baseline, 3), target: { p99Ms: 300, errors: 0 },
      pass: p99 < 300 && errors === 0 && Number(stored.n) === expected,
    });
  } finally {
    takers.close();
    await server.stop();
  }
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
