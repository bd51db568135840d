/**
 * Qixue and the WeCom sandbox, talking over real HTTP with real crypto: the sandbox serves the host
 * API Qixue's client calls, and pushes encrypted callbacks to Qixue listening on a local port.
 *
 *   const h = await startWecomHarness();            // beforeAll
 *   const corp = await h.createCorp({ departments: 5, members: 40 });
 *   await h.install(corp.corpid);                    // create_auth → install job → directory sync
 *   await h.close();                                 // afterAll
 *
 * Each harness has its own database (a copy of the run's kind: SQLite file or MariaDB database,
 * dropped on close) and its own suite id, so its jobs and cached tokens never meet another test
 * file's, and `drain()` runs exactly this harness's background work.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import supertest from 'supertest';
import { createApp, type App } from '../../server/src/app';
import { buildDeps } from '../../server/src/bootstrap';
import type { AppDeps } from '../../server/src/core/context';
import { openDatabase } from '../../server/src/db/client';
import { migrate } from '../../server/src/db/migrate';
import { WECOM_JOBS } from '../../server/src/hosts/wecom/jobs';
import { startSandbox, type Sandbox } from '../../server/sandbox/app';
import { privateDatabase } from './test-database';
import { testConfig } from './test-app';

export interface SandboxCorp {
  corpid: string;
  agentid: number | null;
  departments: { id: number; parentid: number; order: number }[];
  members: { userid: string; open_userid: string; department: number[]; is_leader_in_dept: number[]; status: number }[];
  admins: string[];
}

export interface WecomHarness {
  deps: AppDeps;
  app: App;
  sandbox: Sandbox;
  /** supertest on Qixue */
  http: supertest.Agent;
  /** supertest on the sandbox (dev endpoints: /sandbox/…) */
  host: supertest.Agent;
  qixueUrl: string;
  createCorp(spec?: { departments?: number; members?: number; admins?: number; seed?: number }): Promise<SandboxCorp>;
  corp(corpid: string): Promise<SandboxCorp>;
  /** Installs the suite into the corp and runs the resulting jobs; returns the tenant id. */
  install(corpid: string, range?: { allow_party?: number[]; allow_user?: string[]; allow_tag?: number[] }): Promise<string>;
  /** Runs the queued WeCom jobs until none is left. */
  drain(): Promise<number>;
  close(): Promise<void>;
}

export async function startWecomHarness(overrides: Record<string, string> = {}, options: { logger?: pino.Logger } = {}): Promise<WecomHarness> {
  const suffix = randomBytes(4).toString('hex');
  const suite = { suiteId: `ww_suite_${suffix}`, providerCorpId: `ww_provider_${suffix}` };
  const sandbox = await startSandbox({ suite });

  const { overrides: dbOverrides, drop: dropDatabase } = privateDatabase('w');
  const config = testConfig({
    ...dbOverrides,
    WECOM_API_BASE: sandbox.url,
    WECOM_SUITE_ID: suite.suiteId,
    WECOM_PROVIDER_CORP_ID: suite.providerCorpId,
    ...overrides,
  });
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, sqlitePath: config.SQLITE_PATH, poolSize: 4 });
  await migrate(db);
  const deps = buildDeps(config, db, options.logger ?? pino({ level: process.env.WECOM_TEST_LOG ?? 'silent' }));
  const app = createApp(deps);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const qixueUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sandbox.state.callbackUrls = { instruction: `${qixueUrl}/wecom/suite/callback`, data: `${qixueUrl}/wecom/suite/data` };
  await sandbox.startTicketPush();

  const host = supertest.agent(sandbox.url);
  const drain = () => deps.jobs.drain(WECOM_JOBS);
  return {
    deps,
    app,
    sandbox,
    http: supertest.agent(server),
    host,
    qixueUrl,
    drain,
    async createCorp(spec = {}) {
      const res = await host.post('/sandbox/corps').send(spec).expect(201);
      return res.body as SandboxCorp;
    },
    async corp(corpid) {
      return (await host.get(`/sandbox/corps/${corpid}`).expect(200)).body as SandboxCorp;
    },
    async install(corpid, range = {}) {
      const res = await host.post(`/sandbox/corps/${corpid}/install`).send(range).expect(200);
      if (res.body.callback?.response !== 'success') throw new Error(`create_auth was refused: ${JSON.stringify(res.body.callback)}`);
      await drain();
      const tenant = await db.prisma.tenant.findUnique({ where: { hostCorpId: corpid }, select: { id: true } });
      if (!tenant) throw new Error('install created no tenant');
      return tenant.id;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await sandbox.close();
      await db.close();
      await dropDatabase();
    },
  };
}

export interface DirectorySnapshot {
  /** host department id → parent host department id (null at the top) */
  departments: Record<string, string | null>;
  /** host user id → status */
  members: Record<string, string>;
  /** "hostDeptId hostUserId leader" lines, sorted */
  memberships: string[];
}

/** Qixue's copy of a tenant's directory, in host ids; also checks every materialized path. */
export async function directoryOf(deps: AppDeps, tenantId: string): Promise<DirectorySnapshot> {
  const prisma = deps.db.prisma;
  const depts = await prisma.department.findMany({ where: { tenantId }, select: { id: true, hostDeptId: true, parentId: true, path: true } });
  const byId = new Map(depts.map((d) => [d.id, d]));
  for (const d of depts) {
    const parent = d.parentId ? byId.get(d.parentId) : undefined;
    const expected = `${parent ? parent.path : '/'}${d.id}/`;
    if (d.path !== expected) throw new Error(`department ${d.hostDeptId}: path ${d.path}, expected ${expected}`);
  }
  const members = await prisma.member.findMany({ where: { tenantId, hostUserId: { not: null } }, select: { id: true, hostUserId: true, status: true, name: true } });
  if (members.some((m) => m.name !== null)) throw new Error('a member from WeCom has a name stored');
  const memberById = new Map(members.map((m) => [m.id, m]));
  const links = await prisma.departmentMember.findMany({ where: { tenantId }, select: { departmentId: true, memberId: true, isLeader: true } });
  return {
    departments: Object.fromEntries(depts.map((d) => [d.hostDeptId!, d.parentId ? byId.get(d.parentId)!.hostDeptId! : null])),
    members: Object.fromEntries(members.map((m) => [m.hostUserId!, m.status])),
    memberships: links.map((l) => `${byId.get(l.departmentId)!.hostDeptId} ${memberById.get(l.memberId)!.hostUserId} ${l.isLeader ? 1 : 0}`).sort(),
  };
}

/** What the directory should be for a corp installed with its whole directory visible. */
export function expectedDirectory(corp: SandboxCorp, left: string[] = []): DirectorySnapshot {
  const ids = new Set(corp.departments.map((d) => d.id));
  const active = corp.members.filter((m) => m.status === 1 || m.status === 4);
  return {
    departments: Object.fromEntries(corp.departments.map((d) => [String(d.id), ids.has(d.parentid) ? String(d.parentid) : null])),
    members: {
      ...Object.fromEntries(left.map((u) => [u, 'left'])),
      ...Object.fromEntries(corp.members.map((m) => [m.userid, m.status === 1 || m.status === 4 ? 'active' : 'left'])),
    },
    memberships: active.flatMap((m) => m.department.map((d, i) => `${d} ${m.userid} ${m.is_leader_in_dept[i] === 1 ? 1 : 0}`)).sort(),
  };
}
