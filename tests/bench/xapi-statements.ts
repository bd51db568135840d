/**
 * xAPI statements stored per second (durable: POST answered after the batch is committed) and the
 * latency of a batch, over HTTP against the real server on MariaDB, CLIENTS clients each POSTing
 * batches of BATCH statements. Baseline, same run: the raw batched-insert rate of the same rows
 * (statement JSON + indexed columns, 100-row INSERTs, 10 at once). Targets ≥ 5,000 statements/s,
 * p99 < 200 ms per batch, ratio ≥ 0.3.
 *
 * Two phases, because the two targets cannot be met by one closed loop: 50 clients that each send
 * their next batch the moment the last one is answered keep 5,000 statements in flight, so by
 * Little's law p99 < 200 ms would take ≥ 25,000 statements/s.
 *   saturation — clients send back to back: the most the store takes (statements/s, ratio);
 *   paced      — each client sends one batch a second (5,000 statements/s offered): the batch
 *                latency at the target rate, timed from when the batch was due (a late batch
 *                counts its wait), so a server that falls behind is not flattered.
 *
 *   npm run bench -- xapi-statements   (BENCH_DATABASE_URL, default mysql://root@127.0.0.1:3306;
 *                                       BENCH_CLIENTS, BENCH_SECONDS per phase)
 */
import { randomUUID } from 'node:crypto';
import { scopeToTenant } from '../../server/src/core/tenancy';
import { newRowId } from '../../server/src/core/tokens';
import { issueCredential } from '../../server/src/modules/xapi/credentials';
import { startServerProcess } from '../support/server-process';
import { Crowd } from './_crowd';
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
  const crowd = await Crowd.gather(server.url, CLIENTS);
  try {
    const headers = { Authorization: auth, 'Content-Type': 'application/json', 'X-Experience-API-Version': '2.0.0' };
    const batchRequest = (client: number) =>
      crowd.request('POST', '/xapi/statements', headers, JSON.stringify(Array.from({ length: BATCH }, (_, i) => statement(client * BATCH + i))));
    const post = async (client: number, request: Buffer) => {
      const reply = await crowd.send(client, request);
      if (reply.status !== 200) throw new Error(`POST /xapi/statements answered ${reply.status}: ${reply.body.toString('utf8').slice(0, 500)}`);
    };
    // Warm-up: connections, caches, JIT.
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => post(c, batchRequest(c))));

    /** Each client sends batches until the phase ends, the next one due `interval` ms after the last was due (0: back to back). */
    const phase = async (interval: number) => {
      const latencies: number[] = [];
      let stored = 0;
      const start = performance.now();
      const deadline = start + DURATION_MS;
      await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
        let due = start + (interval * c) / CLIENTS;
        let request = batchRequest(c);
        while (due < deadline) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const sent = performance.now();
          await post(c, request);
          const done = performance.now();
          latencies.push(done - (interval ? due : sent));
          stored += BATCH;
          due = interval ? due + interval : done;
          request = batchRequest(c);
        }
      }));
      const seconds = (performance.now() - start) / 1000;
      return { rate: stored / seconds, seconds, stored, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
    };

    const saturation = await phase(0);
    console.log(`saturation: ${CLIENTS} clients × batches of ${BATCH}, back to back: ${saturation.stored} statements in ${round(saturation.seconds, 1)} s = ${round(saturation.rate, 0)} statements/s`);
    console.log(`    batch latency p50 ${round(saturation.p50, 1)} ms, p99 ${round(saturation.p99, 1)} ms; ratio to raw insert ${round(saturation.rate / baselineRate, 2)} (target ≥ 0.3)`);
    const paced = await phase(1000);
    console.log(`paced: ${CLIENTS} clients × one batch of ${BATCH} a second (${CLIENTS * BATCH}/s offered): ${round(paced.rate, 0)} statements/s stored`);
    console.log(`    batch latency from when it was due p50 ${round(paced.p50, 1)} ms, p99 ${round(paced.p99, 1)} ms (target < 200 ms)`);

    const counted = await db.raw.query<{ n: number }>('SELECT COUNT(*) AS n FROM `XapiStatement` WHERE `tenantId` = ?', [tenantId]);
    const inTable = Number(counted[0]!.n) - BASELINE_ROWS;
    const acknowledged = saturation.stored + paced.stored + CLIENTS * BATCH;
    if (inTable !== acknowledged) throw new Error(`${acknowledged} statements acknowledged but ${inTable} in the table`);
    report('xapi-statements', {
      clients: CLIENTS, batch: BATCH, statementsPerSecond: round(saturation.rate, 0), p50Ms: round(saturation.p50, 1), p99Ms: round(saturation.p99, 1),
      pacedStatementsPerSecond: round(paced.rate, 0), pacedP50Ms: round(paced.p50, 1), pacedP99Ms: round(paced.p99, 1),
      baseline: round(baselineRate, 0), ratio: round(saturation.rate / baselineRate, 2), stored: inTable,
    });
  } finally {
    crowd.close();
    await server.stop();
  }
}, 12);
