/**
 * Qixue against a sandbox of WeCom and WeChat on a random port. `installCorp` plays the install
 * the suite's callbacks perform (permanent code → tenant, auth, directory) so the login and message
 * tests can start from an installed corp; the install flow itself is tested with the callbacks.
 */
import { randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox } from '../../../server/sandbox/app';
import { createCorp, install } from '../../../server/sandbox/corps';
import type { Corp } from '../../../server/sandbox/state';
import { startTestApp, type TestApp } from '../../support/test-app';

export interface HostHarness {
  t: TestApp;
  sandbox: Sandbox;
  close(): Promise<void>;
}

export async function startWithSandbox(overrides: Record<string, string> = {}): Promise<HostHarness> {
  const sandbox = await startSandbox({ port: 0 });
  const t = await startTestApp({ WECOM_API_BASE: sandbox.url, WECHAT_API_BASE: sandbox.url, ...overrides });
  const ticket = `ticket-${randomBytes(8).toString('hex')}`;
  sandbox.state.suiteTickets.set(ticket, sandbox.state.now());
  await t.deps.wecom.saveSuiteTicket(ticket);
  return { t, sandbox, close: async () => Promise.all([t.close(), sandbox.close()]).then(() => undefined) };
}

export interface InstalledCorp {
  corp: Corp;
  tenantId: string;
  agentId: number;
  /** userid (as the app sees it) → Qixue member id */
  members: Map<string, string>;
  /** host department id → Qixue department id */
  departments: Map<number, string>;
  /** userids of the corp's admins */
  admins: string[];
}

export async function installCorp(h: HostHarness, spec: { members?: number; departments?: number; admins?: number } = {}): Promise<InstalledCorp> {
  const { state } = h.sandbox;
  const { prisma } = h.t.deps.db;
  const corp = createCorp(state, { corpid: `ww${randomBytes(8).toString('hex')}`, members: spec.members ?? 5, departments: spec.departments ?? 2, admins: spec.admins ?? 1 });
  const { authCode } = await install(state, corp);
  const res = await h.t.deps.wecom.suitePost('service/get_permanent_code', { auth_code: authCode });
  const agentId = Number((res.auth_info as { agent: { agentid: number }[] }).agent[0].agentid);
  const tenant = await prisma.tenant.create({ data: { name: corp.name, hostCorpId: corp.corpid }, select: { id: true } });
  await prisma.wecomCorpAuth.create({
    data: {
      tenantId: tenant.id, corpId: corp.corpid, suiteId: state.suite.suiteId, agentId,
      permanentCodeCipher: h.t.deps.cipher.encrypt(String(res.permanent_code)),
    },
  });
  const departments = new Map<number, string>();
  const paths = new Map<number, string>();
  const ordered = [...corp.depts.values()].sort((a, b) => depth(corp, a.id) - depth(corp, b.id));
  for (const d of ordered) {
    const id = `d${randomBytes(10).toString('hex')}`;
    const path = `${paths.get(d.parentid) ?? '/'}${id}/`;
    await prisma.department.create({ data: { id, tenantId: tenant.id, hostDeptId: String(d.id), parentId: departments.get(d.parentid) ?? null, path } });
    departments.set(d.id, id);
    paths.set(d.id, path);
  }
  const admins = corp.admins.map((id) => corp.users.get(id)!.userid);
  const members = new Map<string, string>();
  for (const u of corp.users.values()) {
    const m = await prisma.member.create({
      data: { tenantId: tenant.id, hostUserId: u.userid, role: admins.includes(u.userid) ? 'admin' : 'member' },
      select: { id: true },
    });
    members.set(u.userid, m.id);
    for (const d of u.department) await prisma.departmentMember.create({ data: { tenantId: tenant.id, departmentId: departments.get(d)!, memberId: m.id } });
  }
  return { corp, tenantId: tenant.id, agentId, members, departments, admins };
}

function depth(corp: Corp, id: number): number {
  let n = 0;
  for (let d = corp.depts.get(id); d && d.parentid !== 0 && n < 50; d = corp.depts.get(d.parentid)) n++;
  return n;
}

/** A development endpoint of the sandbox. */
export async function sandboxPost(h: HostHarness, path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${h.sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

export async function sandboxGet(h: HostHarness, path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${h.sandbox.url}${path}`);
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

export const nonAdmins = (c: InstalledCorp) => [...c.members.keys()].filter((u) => !c.admins.includes(u));
