/**
 * Two server processes on the same database serve correctly side by side: what one writes the
 * other reads at once (no per-process state they could disagree on), and both shut down cleanly.
 */
import http from 'node:http';
import { startServerProcess, type ServerProcess } from '../../support/server-process';
import { readTestDatabase } from '../../support/test-database';
import { startTestApp, STAFF_KEY, type TestApp } from '../../support/test-app';
import { createTenant } from '../../factories';

let t: TestApp;
let one: ServerProcess;
let two: ServerProcess;

beforeAll(async () => {
  t = await startTestApp();
  const info = readTestDatabase();
  const env = { DATABASE_URL: info.databaseUrl ?? '', SQLITE_PATH: info.sqlitePath, PLATFORM_API_KEY: STAFF_KEY };
  [one, two] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
}, 90_000);

afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
  await t.close();
});

// Node's fetch types json() as unknown: name the shape these assertions read.
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as { tenant: { id: string; name: string } } });
const staffHeaders = { Authorization: `Bearer ${STAFF_KEY}`, 'content-type': 'application/json' };

it('what one process writes, the other serves; suspension is seen by both', async () => {
  const created = await json(
    await fetch(`${one.url}/platform/v1/tenants`, {
      method: 'POST',
      headers: staffHeaders,
      body: JSON.stringify({ name: '双实例企业', industry: '制造', size: '51-200', adminName: '李雷', adminPhone: '13900000000' }),
    }),
  );
  expect(created.status).toBe(201);
  const id = created.body.tenant.id;
  expect((await json(await fetch(`${two.url}/platform/v1/tenants/${id}`, { headers: staffHeaders }))).body.tenant.name).toBe('双实例企业');

  const a = await createTenant(t);
  const me = (url: string) => fetch(`${url}/api/v1/me`, { headers: { Authorization: `Bearer ${a.admin.token}` } });
  expect((await me(one.url)).status).toBe(200);
  expect((await me(two.url)).status).toBe(200);
  await fetch(`${one.url}/platform/v1/tenants/${a.id}`, { method: 'PATCH', headers: staffHeaders, body: JSON.stringify({ status: 'suspended' }) });
  const refused = await json(await me(two.url));
  expect(refused).toMatchObject({ status: 403, body: { error: { code: 'tenant_suspended' } } });

  // Sign-out through one process ends the session in the other.
  await fetch(`${one.url}/platform/v1/tenants/${a.id}`, { method: 'PATCH', headers: staffHeaders, body: JSON.stringify({ status: 'active' }) });
  expect((await fetch(`${two.url}/api/v1/session`, { method: 'DELETE', headers: { Authorization: `Bearer ${a.admin.token}` } })).status).toBe(204);
  expect((await me(one.url)).status).toBe(401);
}, 60_000);

it('on SIGTERM finishes the request in flight, then exits with code 0', async () => {
  const info = readTestDatabase();
  const third = await startServerProcess({ DATABASE_URL: info.databaseUrl ?? '', SQLITE_PATH: info.sqlitePath, PLATFORM_API_KEY: STAFF_KEY });
  const { hostname, port } = new URL(third.url);
  // One keep-alive socket: the first request proves the server accepted it, so the second is truly
  // in flight (headers read, body still coming) when the signal arrives.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (path: string, method: string, body?: string, beforeEnd?: () => Promise<void>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ hostname, port, path, method, agent, headers: { ...staffHeaders, ...(body && { 'content-length': Buffer.byteLength(body) }) } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      if (!body) return req.end();
      const half = Math.floor(body.length / 2);
      req.write(body.slice(0, half));
      void (beforeEnd ?? (async () => undefined))().then(() => req.end(body.slice(half)));
    });

  expect((await send('/healthz', 'GET')).status).toBe(200);
  let exited: ReturnType<ServerProcess['stop']> = Promise.resolve({ code: null, signal: null });
  const registration = JSON.stringify({ name: '停机中的企业', industry: '教育', size: '1-50', adminName: '韩梅梅', adminPhone: '13700000000' });
  const inFlight = send('/platform/v1/tenants', 'POST', registration, async () => {
    await new Promise((r) => setTimeout(r, 300));
    exited = third.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
  });
  const answered = await inFlight;
  expect(answered.status).toBe(201);
  expect(await exited).toEqual({ code: 0, signal: null });
  expect(third.output()).toContain('draining');
  agent.destroy();
}, 60_000);

/** The pids that wrote access-log lines so far (pino puts the pid on every line). */
const servingPids = (output: string) =>
  new Set(output.split('\n').filter((l) => l.includes('"msg":"request"')).map((l) => (JSON.parse(l) as { pid: number }).pid));

/** A request on a connection of its own, so the cluster hands each one to the next worker. */
const onFreshConnection = (url: string) =>
  new Promise<number>((resolve, reject) => {
    http.get(`${url}/healthz`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });

// More than one process needs MySQL: on the SQLite run this is skipped (config.test.ts covers the refusal).
const onMysql = readTestDatabase().databaseUrl ? it : it.skip;

onMysql('WEB_CONCURRENCY=2: two workers share the port, a dead worker is replaced, SIGTERM stops both cleanly', async () => {
  const info = readTestDatabase();
  const cluster = await startServerProcess({ DATABASE_URL: info.databaseUrl!, WEB_CONCURRENCY: '2', WECOM_API_BASE: 'http://127.0.0.1:9' });
  try {
    // The server answers once its first worker listens; the second may still be starting.
    let workers = new Set<number>();
    for (const deadline = Date.now() + 20_000; workers.size < 2 && Date.now() < deadline; ) {
      for (let i = 0; i < 10; i++) expect(await onFreshConnection(cluster.url)).toBe(200);
      await new Promise((r) => setTimeout(r, 300)); // logs are written asynchronously
      workers = servingPids(cluster.output());
    }
    expect(workers.size).toBe(2);
    expect(workers.has(cluster.child.pid!)).toBe(false); // the primary only supervises

    await new Promise((r) => setTimeout(r, 5_000)); // past the start-up window in which a death means "cannot boot"
    process.kill([...workers][0], 'SIGKILL');
    const deadline = Date.now() + 30_000;
    while (!cluster.output().includes('worker died; starting a new one') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 20 && servingPids(cluster.output()).size < 3 && Date.now() < deadline; i++) {
      expect(await onFreshConnection(cluster.url)).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(servingPids(cluster.output()).size).toBe(3);
  } finally {
    expect(await cluster.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  }
  expect(cluster.output()).toContain('all workers stopped');
}, 90_000);
