/** /metrics: Prometheus text for this machine (or a token), 404 for anyone else. */
import supertest from 'supertest';
import { startTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => (t = await startTestApp({ METRICS_TOKEN: 'metrics-token-0123456789abcdef' })));
afterAll(() => t.close());

describe('/metrics', () => {
  it('answers loopback requests with request, heartbeat, job queue and statement metrics', async () => {
    const local = supertest(t.app.callback());
    await local.get('/healthz').expect(200);
    const res = await local.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    for (const name of [
      'qixue_http_requests_total', 'qixue_http_request_duration_seconds_bucket', 'qixue_heartbeat_batch_size', 'qixue_heartbeat_commit_seconds',
      'qixue_job_queue_depth', 'qixue_job_queue_oldest_age_seconds', 'qixue_xapi_statements_stored_total', 'process_cpu_seconds_total',
    ]) {
      expect(res.text).toContain(name);
    }
    expect(res.text).toMatch(/qixue_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    if (t.deps.db.dialect.name === 'mysql') expect(res.text).toContain('qixue_db_pool_connections{state="total"}');
  });

  it('is not found through a proxy or from elsewhere without the token; the token opens it', async () => {
    const proxied = await t.http.get('/metrics').expect(404); // the test client sends X-Forwarded-For
    expect(proxied.body.error.code).toBe('not_found');
    await t.http.get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789abcdefgh').expect(404);
    await t.http.get('/metrics').set('Authorization', 'Bearer metrics-token-0123456789abcdef').expect(200);
  });
});
