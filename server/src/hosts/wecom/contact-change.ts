/**
 * Incremental directory changes (job `wecom.contact-change`, one per change_contact callback).
 *
 * The callback is a hint, not a record: delivery may repeat, come out of order, or report a delete
 * together with an update. So each job re-reads the member or department it names from the host
 * and writes what the host has *now* — applying the same hint twice, or hints in any order, ends
 * in the same directory a full sync would produce. A tenant's directory jobs run one at a time in a process.
 */
import type { AppDeps } from '../../core/context';
import { WecomApiError } from './client';
import { DirectoryStore, memberStatusOf, newId } from './directory-store';
import { DIRECTORY_SYNC_JOB, loadPrivilege, readUser } from './directory-sync';
import { serially } from './tenant-serial';

export const CONTACT_CHANGE_JOB = 'wecom.contact-change';

export interface ContactChange {
  changeType: string;
  userId?: string;
  newUserId?: string;
  deptId?: string;
  addUsers?: string[];
  delUsers?: string[];
  addParties?: string[];
  delParties?: string[];
}

/** The job payload from the decrypted callback. */
export function contactChangeOf(event: Record<string, string>): ContactChange {
  const list = (v?: string) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
  return {
    changeType: event.ChangeType ?? '',
    userId: event.UserID || undefined,
    newUserId: event.NewUserID || undefined,
    deptId: event.Id || undefined,
    addUsers: list(event.AddUserItems),
    delUsers: list(event.DelUserItems),
    addParties: list(event.AddPartyItems),
    delParties: list(event.DelPartyItems),
  };
}

const GONE = new Set([60111, 60123, 60003, 60011, 46004]);

export function runContactChange(deps: AppDeps, tenantId: string, change: ContactChange) {
  return serially(tenantId, async () => {
    const sync = new IncrementalSync(deps, tenantId);
    switch (change.changeType) {
      case 'create_user':
      case 'update_user':
      case 'delete_user':
        if (change.newUserId && change.userId && change.newUserId !== change.userId) await sync.renameUser(change.userId, change.newUserId);
        await sync.user(change.newUserId ?? change.userId!);
        return { user: true };
      case 'create_party':
      case 'update_party':
      case 'delete_party':
        await sync.department(Number(change.deptId));
        return { department: true };
      case 'update_tag': {
        // Departments joining or leaving an allowed tag change the range wholesale: resync.
        const privilege = await loadPrivilege(deps, tenantId);
        if ((change.addParties?.length || change.delParties?.length) && privilege.allowTag.length) {
          await deps.jobs.enqueue({ tenantId, kind: DIRECTORY_SYNC_JOB, payload: { reason: 'update_tag' } });
          return { resync: true };
        }
        for (const userid of [...(change.addUsers ?? []), ...(change.delUsers ?? [])]) await sync.user(userid);
        return { users: (change.addUsers?.length ?? 0) + (change.delUsers?.length ?? 0) };
      }
      default:
        return { ignored: change.changeType };
    }
  });
}

class IncrementalSync {
  private readonly store: DirectoryStore;
  private depts: Map<string, { id: string; path: string; parentId: string | null }> | null = null;

  constructor(
    private readonly deps: AppDeps,
    private readonly tenantId: string,
  ) {
    this.store = new DirectoryStore(deps.db, tenantId);
  }

  private async local() {
    if (!this.depts) this.depts = await this.store.departments();
    return this.depts;
  }

  async renameUser(from: string, to: string): Promise<void> {
    const prisma = this.deps.db.prisma;
    const taken = await prisma.member.findUnique({ where: { tenantId_hostUserId: { tenantId: this.tenantId, hostUserId: to } }, select: { id: true } });
    if (!taken) await prisma.member.updateMany({ where: { tenantId: this.tenantId, hostUserId: from }, data: { hostUserId: to } });
  }

  /** Writes the member as the host has it now; gone or out of range → `left`. */
  async user(userid: string): Promise<void> {
    const host = await readUser(this.deps, this.tenantId, userid);
    const prisma = this.deps.db.prisma;
    if (!host) {
      const member = await prisma.member.findUnique({ where: { tenantId_hostUserId: { tenantId: this.tenantId, hostUserId: userid } }, select: { id: true } });
      if (member) await this.store.markLeft([member.id]);
      return;
    }
    const status = memberStatusOf(host.status);
    const now = new Date();
    await this.store.upsertMembers([{ hostUserId: userid, status }], now);
    const memberId = (await this.store.memberIds([userid])).get(userid)!;
    const wanted = new Map<string, boolean>();
    if (status === 'active') {
      const departments = host.department ?? [];
      for (let i = 0; i < departments.length; i++) {
        const dept = await this.ensureDepartment(Number(departments[i]));
        if (dept) wanted.set(dept.id, host.is_leader_in_dept?.[i] === 1);
      }
    }
    await this.store.setMemberDepartments(memberId, wanted, now);
  }

  /** Writes the department as the host has it now; gone or out of range → removed. */
  async department(hostId: number): Promise<void> {
    const row = await this.ensureDepartment(hostId);
    if (!row) {
      const local = (await this.local()).get(String(hostId));
      if (local) {
        await this.store.deleteDepartments([local.id]);
        this.depts?.delete(String(hostId));
      }
    }
  }

  /**
   * Reads a department (and, if unknown here, its ancestors) from the host and stores it with the
   * right parent and path, moving its subtree when the path changed. Null if the app cannot see it.
   */
  private async ensureDepartment(hostId: number, depth = 0): Promise<{ id: string; path: string } | null> {
    let host: { id: number; parentid: number; order?: number };
    try {
      host = (await this.deps.wecom.corpGet(this.tenantId, 'department/get', { id: hostId })).department as typeof host;
    } catch (err) {
      if (err instanceof WecomApiError && GONE.has(err.errcode)) return null;
      throw err;
    }
    const local = await this.local();
    let parent: { id: string; path: string } | null = null;
    if (host.parentid && host.parentid !== hostId) {
      parent = local.get(String(host.parentid)) ?? (depth < 32 ? await this.ensureDepartment(Number(host.parentid), depth + 1) : null);
    }
    const existing = local.get(String(hostId));
    const id = existing?.id ?? newId();
    const path = `${parent?.path ?? '/'}${id}/`;
    // A parent cannot sit inside its own subtree; if the host says so mid-move, wait for the next event.
    if (parent && existing && parent.path.startsWith(existing.path)) return existing;
    await this.store.upsertDepartments([{ id, hostDeptId: String(hostId), parentId: parent?.id ?? null, path, sortOrder: Number(host.order ?? 0) }], new Date());
    if (existing && existing.path !== path) await this.movePaths(existing.path, path);
    const row = { id: (await this.store.departments()).get(String(hostId))!.id, path, parentId: parent?.id ?? null };
    local.set(String(hostId), row);
    return row;
  }

  private async movePaths(from: string, to: string): Promise<void> {
    const prisma = this.deps.db.prisma;
    const subtree = await prisma.department.findMany({ where: { tenantId: this.tenantId, path: { startsWith: from } }, select: { id: true, path: true } });
    for (const d of subtree) {
      if (d.path === to) continue;
      await prisma.department.update({ where: { id: d.id }, data: { path: to + d.path.slice(from.length) } });
    }
    this.depts = null;
  }
}
