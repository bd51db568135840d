/**
 * xAPI statements stored per second (durable: POST answered after the batch is written) and the
 * p99 latency of a batch, over HTTP against the real server on MariaDB: CLIENTS clients each POST
 * batches of BATCH statements for the measured time. Baseline, same run: the raw batched-insert
 * rate of the same rows (statement JSON + indexed columns, 100-row INSERTs). Target ≥ 5,000
 * statements/s, p99 < 200 ms per batch, ratio ≥ 0.3.
 *
 *   npm run bench -- xapi-statements   (BENCH_DATABASE_URL, default mysql://root@127.0.0.1:3306)
 */
import { randomUUID } from 'node:crypto';
import { scopeToTenant } from '../../server/src/core/tenancy';
import { newRowId } from '../../server/src/core/tokens';
import { issueCredential } from '../../server/src/modules/xapi/credentials';
import { startServerProcess } from '../support/server-process';
import { percentile, report, round } from './_support';
import { bulkInsert, id, withBenchDatabase } from './_training';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const BATCH = 100;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const BASELINE_ROWS = 50_000;

const statement = (learner: number) => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.com', name: `learner-${learner}` } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  object: { objectType: 'Activity', id: `https://lms.example.com/courses/${learner % 50}/lessons/${learner % 7}` },
  result: { completion: true, score: { raw: learner % 100, min: 0, max: 100 } },
  context: { registration: randomUUID(), contextActivities: { parent: [{ id: `https://lms.example.com/courses/${learner % 50}` }] } },
  timestamp: new Date().toISOString(),
});

void withBenchDatabase('xapi-statements', async (db, databaseUrl) => {
  const tenantId = id('tbench', 1);
  await bulkInsert(db, 'Tenant', ['id', 'name', 'updatedAt'], [[tenantId, '压测企业', new Date()]]);
  const credential = await issueCredential(scopeToTenant(db.prisma, tenantId), tenantId, 'bench', 'bench');
  const auth = `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`;

  // Baseline: the same rows straight into the table, 100 per INSERT, as many at once as the pool holds.
  const rows = Array.from({ length: BASELINE_ROWS }, (_, i) => {
    const s = statement(i);
    return [newRowId(), tenantId, s.id, 'v'.repeat(32), s.context.registration, false, null, Date.now() * 1000 + i, JSON.stringify(s)];
  });
  const columns = ['id', 'tenantId', 'statementId', 'verbKey', 'registration', 'voided', 'targetId', 'storedUs', 'statement'];
  const chunks = Array.from({ length: BASELINE_ROWS / BATCH }, (_, i) => rows.slice(i * BATCH, (i + 1) * BATCH));
  const baselineStart = performance.now();
  await Promise.all(Array.from({ length: 10 }, async (_, w) => {
    for (let i = w; i < chunks.length; i += 10) await bulkInsert(db, 'XapiStatement', columns, chunks[i]!, BATCH);
  }));
  const baselineRate = BASELINE_ROWS / ((performance.now() - baselineStart) / 1000);
  console.log(`baseline: raw batched insert ${round(baselineRate, 0)} statements/s (${BASELINE_ROWS} rows, ${BATCH} per INSERT, 10 at once)`);

  const server = await startServerProcess({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', DB_POOL_SIZE: '20' });
  try {
    const post = async (body: string) => {
      const res = await fetch(`${server.url}/xapi/statements`, {
        method: 'POST', body, headers: { Authorization: auth, 'Content-Type': 'application/json', 'X-Experience-API-Version': '2.0.0' },
      });
      if (res.status !== 200) throw new Error(`POST /xapi/statements answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    const batchBody = (client: number) => JSON.stringify(Array.from({ length: BATCH }, (_, i) => statement(client * BATCH + i)));
    // Warm-up: connections, caches, JIT.
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => post(batchBody(c))));

    const latencies: number[] = [];
    let stored = 0;
    const start = performance.now();
    const deadline = start + DURATION_MS;
    await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
      let body = batchBody(c);
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await post(body);
        latencies.push(performance.now() - t0);
        stored += BATCH;
        body = batchBody(c);
      }
    }));
    const seconds = (performance.now() - start) / 1000;
    const rate = stored / seconds;
    const counted = await db.raw.query<{ n: number }>('SELECT COUNT(*) AS n FROM `XapiStatement` WHERE `tenantId` = ?', [tenantId]);
    const inTable = Number(counted[0]!.n) - BASELINE_ROWS;
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(`LRS: ${CLIENTS} clients × batches of ${BATCH}: ${stored} statements acknowledged in ${round(seconds, 1)} s = ${round(rate, 0)} statements/s`);
    console.log(`    batch latency p50 ${round(p50, 1)} ms, p99 ${round(p99, 1)} ms; ${inTable} statements in the table (warm-up included)`);
    console.log(`    ratio to raw insert ${round(rate / baselineRate, 2)} (target ≥ 0.3); targets ≥ 5,000/s and p99 < 200 ms`);
    report('xapi-statements', {
      clients: CLIENTS, batch: BATCH, statementsPerSecond: round(rate, 0), p50Ms: round(p50, 1), p99Ms: round(p99, 1),
      baseline: round(baselineRate, 0), ratio: round(rate / baselineRate, 2), stored: inTable,
    });
  } finally {
    await server.stop();
  }
}, 12);
