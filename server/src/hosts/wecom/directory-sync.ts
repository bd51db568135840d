/**
 * Full directory sync (job `wecom.directory-sync`): everything inside the app's visible range,
 * written in bulk, with progress and a checkpoint after every batch of departments so a crashed
 * worker resumes where it stopped.
 *
 *   1. departments: department/simplelist for each allowed department (and each allowed tag's
 *      departments) → upsert with materialized paths; the checkpoint keeps the host ids.
 *   2. members: user/list per department, a few departments in flight at once → upsert members,
 *      make each department's memberships exact.
 *   3. members granted one by one (allow_user, allowed tags' users) and the app's admins.
 *   4. whoever and whatever was not seen since the sync started: members → `left` (records kept),
 *      departments → deleted.
 *
 * Host calls go through the WeCom client, which backs off on 45009/45033.
 */
import type { AppDeps } from '../../core/context';
import type { JobIO, JobRecord } from '../../jobs/queue';
import { WecomApiError, type WecomResponse } from './client';
import { DirectoryStore, memberStatusOf, newId, type DeptRow, type HostMemberStatus } from './directory-store';

export const DIRECTORY_SYNC_JOB = 'wecom.directory-sync';
/** Departments whose member lists are fetched concurrently. */
const IN_FLIGHT = 8;
/** Departments per checkpoint. */
const BATCH = 40;

export interface HostDept {
  id: number;
  parentid: number;
  order: number;
}

interface SyncState {
  startedAt: string;
  depts: HostDept[];
  next: number;
}

export interface HostUser {
  userid: string;
  department?: number[];
  is_leader_in_dept?: number[];
  status?: number;
}

interface Privilege {
  allowParty: number[];
  allowUser: string[];
  allowTag: number[];
  agentId: number | null;
  corpId: string;
}

export async function loadPrivilege(deps: AppDeps, tenantId: string): Promise<Privilege> {
  const auth = await deps.db.prisma.wecomCorpAuth.findUnique({
    where: { tenantId },
    select: { allowParty: true, allowUser: true, allowTag: true, agentId: true, corpId: true, status: true },
  });
  if (!auth || auth.status !== 'active') throw new Error('tenant has no active WeCom authorization');
  const list = <T>(v: unknown) => (Array.isArray(v) ? (v as T[]) : []);
  return { allowParty: list<number>(auth.allowParty).map(Number), allowUser: list<string>(auth.allowUser).map(String), allowTag: list<number>(auth.allowTag).map(Number), agentId: auth.agentId, corpId: auth.corpId };
}

/** Computes Qixue ids and materialized paths for host departments; a department whose parent is not visible is a root. */
export function layoutDepartments(depts: HostDept[], existing: Map<string, { id: string }>): DeptRow[] {
  const byId = new Map(depts.map((d) => [d.id, d]));
  const ids = new Map(depts.map((d) => [d.id, existing.get(String(d.id))?.id ?? newId()]));
  const paths = new Map<number, string>();
  const pathOf = (d: HostDept, seen = new Set<number>()): string => {
    const known = paths.get(d.id);
    if (known) return known;
    const parent = byId.get(d.parentid);
    // A cycle cannot come from the host, but a half-applied move could look like one: cut it.
    const path = parent && parent.id !== d.id && !seen.has(parent.id) ? `${pathOf(parent, seen.add(d.id))}${ids.get(d.id)}/` : `/${ids.get(d.id)}/`;
    paths.set(d.id, path);
    return path;
  };
  return depts.map((d) => {
    const parent = byId.get(d.parentid);
    return { id: ids.get(d.id)!, hostDeptId: String(d.id), parentId: parent && parent.id !== d.id ? ids.get(parent.id)! : null, path: pathOf(d), sortOrder: d.order ?? 0 };
  });
}

const asDepts = (res: WecomResponse) => ((res.department_id ?? []) as HostDept[]).map((d) => ({ id: Number(d.id), parentid: Number(d.parentid), order: Number(d.order ?? 0) }));

async function visibleDepartments(deps: AppDeps, tenantId: string, privilege: Privilege): Promise<{ depts: HostDept[]; extraUsers: string[] }> {
  const depts = new Map<number, HostDept>();
  const extraUsers = new Set(privilege.allowUser);
  const roots = [...privilege.allowParty];
  for (const tagid of privilege.allowTag) {
    const tag = await deps.wecom.corpGet(tenantId, 'tag/get', { tagid });
    for (const u of (tag.userlist ?? []) as { userid: string }[]) extraUsers.add(u.userid);
    roots.push(...((tag.partylist ?? []) as number[]).map(Number));
  }
  for (const root of roots) {
    if ([...depts.values()].some((d) => d.id === root)) continue;
    try {
      for (const d of asDepts(await deps.wecom.corpGet(tenantId, 'department/simplelist', { id: root }))) depts.set(d.id, d);
    } catch (err) {
      // A department removed since the range was granted.
      if (!(err instanceof WecomApiError && (err.errcode === 60123 || err.errcode === 60011 || err.errcode === 60003))) throw err;
    }
  }
  return { depts: [...depts.values()].sort((a, b) => a.id - b.id), extraUsers: [...extraUsers] };
}

export async function runDirectorySync(deps: AppDeps, job: Pick<JobRecord, 'tenantId' | 'state'>, io: Pick<JobIO, 'progress'>) {
  const tenantId = job.tenantId!;
  const store = new DirectoryStore(deps.db, tenantId);
  const privilege = await loadPrivilege(deps, tenantId);
  const callsBefore = deps.wecom.totalCalls;
  let state: SyncState | null = (job.state as SyncState | null) ?? null;
  let extraUsers: string[] | null = null;

  if (!state?.depts) {
    const startedAt = new Date();
    const visible = await visibleDepartments(deps, tenantId, privilege);
    extraUsers = visible.extraUsers;
    const rows = layoutDepartments(visible.depts, await store.departments());
    await store.upsertDepartments(rows, startedAt);
    // Another writer may have created one of these departments meanwhile: lay out again with its id.
    const stored = await store.departments();
    if (rows.some((r) => stored.get(r.hostDeptId)?.id !== r.id)) await store.upsertDepartments(layoutDepartments(visible.depts, stored), startedAt);
    state = { startedAt: startedAt.toISOString(), depts: visible.depts, next: 0 };
    await io.progress(0, visible.depts.length, state);
  }
  const total = state.depts.length;
  const deptIds = await store.departments();

  for (let i = state.next; i < total; i += BATCH) {
    // A department deleted here meanwhile (a change_contact while this sync was interrupted) is skipped.
    const batch: HostDept[] = state.depts.slice(i, i + BATCH).filter((d) => deptIds.has(String(d.id)));
    const lists = await mapLimit(batch, IN_FLIGHT, async (d) => {
      try {
        return ((await deps.wecom.corpGet(tenantId, 'user/list', { department_id: d.id })).userlist ?? []) as HostUser[];
      } catch (err) {
        if (err instanceof WecomApiError && (err.errcode === 60123 || err.errcode === 60011 || err.errcode === 60003)) return [];
        throw err;
      }
    });
    const now = new Date();
    const users = lists.flat();
    await store.upsertMembers(users.map((u) => ({ hostUserId: u.userid, status: memberStatusOf(u.status) })), now);
    const memberIds = await store.memberIds(users.map((u) => u.userid));
    const wanted = new Map<string, Map<string, boolean>>();
    batch.forEach((d, k) => {
      const departmentId = deptIds.get(String(d.id))!.id;
      const members = new Map<string, boolean>();
      for (const u of lists[k]) {
        if (memberStatusOf(u.status) === 'left') continue;
        const index = (u.department ?? []).indexOf(d.id);
        members.set(memberIds.get(u.userid)!, index >= 0 && u.is_leader_in_dept?.[index] === 1);
      }
      wanted.set(departmentId, members);
    });
    await store.replaceMemberships(batch.map((d) => deptIds.get(String(d.id))!.id), wanted, now);
    state = { ...state, next: Math.min(i + BATCH, total) };
    await io.progress(state.next, total, state);
  }

  // Members granted individually or through tags, and the app's admins, count as seen too.
  if (!extraUsers) extraUsers = (await visibleDepartments(deps, tenantId, { ...privilege, allowParty: [] })).extraUsers;
  const individuals: { hostUserId: string; status: HostMemberStatus; admin?: boolean }[] = [];
  for (const userid of extraUsers) {
    const user = await readUser(deps, tenantId, userid);
    if (user) individuals.push({ hostUserId: userid, status: memberStatusOf(user.status) });
  }
  for (const userid of await appAdmins(deps, privilege)) individuals.push({ hostUserId: userid, status: 'active', admin: true });
  await store.upsertMembers(individuals, new Date());

  const startedAt = new Date(state.startedAt);
  const departed = await deps.db.prisma.member.findMany({
    where: { tenantId, hostUserId: { not: null }, status: { in: ['active', 'frozen'] }, updatedAt: { lt: startedAt } },
    select: { id: true },
  });
  await store.markLeft(departed.map((m) => m.id));
  const gone = await deps.db.prisma.department.findMany({ where: { tenantId, hostDeptId: { not: null }, updatedAt: { lt: startedAt } }, select: { id: true } });
  await store.deleteDepartments(gone.map((d) => d.id));
  await deps.db.prisma.wecomCorpAuth.update({ where: { tenantId }, data: { lastFullSyncAt: new Date() } });

  const members = await deps.db.prisma.member.count({ where: { tenantId, status: 'active', hostUserId: { not: null } } });
  return { departments: total, members, left: departed.length, departmentsRemoved: gone.length, hostCalls: deps.wecom.totalCalls - callsBefore };
}

/** The member as the host has it now, or null when it no longer exists or is out of range. */
export async function readUser(deps: AppDeps, tenantId: string, userid: string): Promise<HostUser | null> {
  try {
    return (await deps.wecom.corpGet(tenantId, 'user/get', { userid })) as unknown as HostUser;
  } catch (err) {
    if (err instanceof WecomApiError && (err.errcode === 60111 || err.errcode === 60011 || err.errcode === 46004)) return null;
    throw err;
  }
}

export async function appAdmins(deps: AppDeps, privilege: Pick<Privilege, 'agentId' | 'corpId'>): Promise<string[]> {
  if (!privilege.agentId) return [];
  const res = await deps.wecom.suitePost('service/get_admin_list', { auth_corpid: privilege.corpId, agentid: privilege.agentId });
  return ((res.admin ?? []) as { userid: string; auth_type?: number }[]).filter((a) => a.auth_type === undefined || Number(a.auth_type) === 1).map((a) => a.userid);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}
