/**
 * Heartbeats accepted per second (durable: acknowledged after the batch committed) and latency,
 * through the server's heartbeat writer (group commit: concurrent heartbeats → one multi-row
 * upsert), against the raw batched-insert rate of the same table (ChapterProgress) measured in the
 * same run. Target: ≥ 50 % of raw, p99 < 50 ms.
 *
 *   npm run bench -- heartbeats        (BENCH_DATABASE_URL, default mysql://root@127.0.0.1:3306)
 */
import pino from 'pino';
import { HeartbeatWriter } from '../../server/src/modules/progress/heartbeat-writer';
import { percentile, report, round } from './_support';
import { bulkInsert, id, withBenchDatabase } from './_training';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 4000);
const CHAPTERS = 20;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 400);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const BASELINE_ROWS = 100_000;

void withBenchDatabase('heartbeats', async (db) => {
  const tenantId = id('tbench', 1);
  const courseId = id('cbench', 1);
  const now = new Date();
  await bulkInsert(db, 'Tenant', ['id', 'name', 'updatedAt'], [[tenantId, '压测企业', now]]);
  await bulkInsert(db, 'Course', ['id', 'tenantId', 'title', 'status', 'updatedAt'], [[courseId, tenantId, '压测课程', 'published', now]]);
  const chapters = Array.from({ length: CHAPTERS }, (_, i) => id('ch', i));
  await bulkInsert(db, 'Chapter', ['id', 'tenantId', 'courseId', 'title', 'kind', 'durationSec', 'sortOrder', 'updatedAt'], chapters.map((c, i) => [c, tenantId, courseId, `章${i}`, 'video', 36_000, i, now]));
  const members = Array.from({ length: MEMBERS }, (_, i) => id('m', i));
  await bulkInsert(db, 'Member', ['id', 'tenantId', 'hostUserId', 'updatedAt'], members.map((m) => [m, tenantId, m, now]));
  const sessions = members.map((_, i) => id('ss', i));
  await bulkInsert(db, 'StudySession', ['id', 'tenantId', 'memberId', 'courseId', 'validUntil', 'startedAt', 'lastSeenAt'], sessions.map((s, i) => [s, tenantId, members[i], courseId, new Date(Date.now() + 86_400_000), now, now]));

  // Baseline: raw multi-row inserts of progress rows, batches of 1,000, one connection.
  const cols = ['tenantId', 'memberId', 'chapterId', 'courseId', 'positionSec', 'furthestSec', 'creditedSec', 'completed', 'lastState', 'lastSeq', 'updatedAt'];
  const baseRows = Array.from({ length: BASELINE_ROWS }, (_, i) => [tenantId, id('bm', i), chapters[i % CHAPTERS], courseId, 10, 10, 10, 0, 'playing', 1, now]);
  const b0 = performance.now();
  await bulkInsert(db, 'ChapterProgress', cols, baseRows, 1000);
  const baseline = BASELINE_ROWS / ((performance.now() - b0) / 1000);
  // For context: the same rows again as raw batched upserts that update (what heartbeats mostly do).
  const u0 = performance.now();
  const updateSql = db.dialect.upsertSql('ChapterProgress', cols, 1000, ['tenantId', 'memberId', 'chapterId'], { positionSec: db.dialect.incoming('positionSec'), lastSeq: db.dialect.incoming('lastSeq') });
  for (let i = 0; i < BASELINE_ROWS; i += 1000) await db.raw.execute(updateSql, baseRows.slice(i, i + 1000).map((r) => [...r.slice(0, 4), 20, ...r.slice(5, 9), 2, r[10]]).flat());
  const upsertRate = BASELINE_ROWS / ((performance.now() - u0) / 1000);
  await db.raw.execute('DELETE FROM `ChapterProgress` WHERE `tenantId` = ? AND `memberId` LIKE ?', [tenantId, 'bm%']);
  console.log(`baseline: raw batched insert into ChapterProgress ${round(baseline, 0)} rows/s (raw batched upsert-update ${round(upsertRate, 0)} rows/s)`);

  const writer = new HeartbeatWriter({ db, logger: pino({ level: 'silent' }) });
  const latencies: number[] = [];
  let accepted = 0;
  let errors = 0;
  const end = performance.now() + DURATION_MS;
  // Each client is a learner watching a video in real time: one chapter, position = seconds since
  // starting, a heartbeat as soon as the previous one is acknowledged. Learners rotate through the
  // members so rows are both created and updated.
  const client = async (c: number) => {
    for (let round = 0; performance.now() < end; round++) {
      const m = (c + round * CLIENTS) % MEMBERS;
      const chapterId = chapters[(c + round) % CHAPTERS];
      const started = performance.now();
      for (let seq = 1; seq <= 50 && performance.now() < end; seq++) {
        const t0 = performance.now();
        try {
          const position = (t0 - started) / 1000;
          await writer.submit({ tenantId, memberId: members[m], studySessionId: sessions[m], chapterId, position, state: 'playing', seq: round * 100 + seq });
          accepted++;
          latencies.push(performance.now() - t0);
        } catch (err) {
          if (errors++ < 3) console.error(err);
        }
      }
    }
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const nodeCpu = (cpu.user + cpu.system) / 1e6 / seconds;
  const rate = accepted / seconds;
  const [stored] = await db.raw.query<{ n: number }>('SELECT COUNT(*) AS n FROM `ChapterProgress` WHERE `tenantId` = ?', [tenantId]);
  console.log(`heartbeats: ${accepted} accepted in ${round(seconds)} s = ${round(rate, 0)}/s durable, p50 ${round(percentile(latencies, 50))} ms, p99 ${round(percentile(latencies, 99))} ms, ${errors} errors, ${stored.n} progress rows`);
  report('heartbeats', {
    accepted, seconds: round(seconds), perSecond: round(rate, 0), p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)),
    errors, clients: CLIENTS, nodeCpuShare: round(nodeCpu, 2), rawUpsertUpdatePerSecond: round(upsertRate, 0), baseline: round(baseline, 0), ratio: round(rate / baseline, 3),
    target: { ratio: 0.5, p99Ms: 50 }, pass: rate / baseline >= 0.5 && percentile(latencies, 99) < 50 && errors === 0,
  });
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
