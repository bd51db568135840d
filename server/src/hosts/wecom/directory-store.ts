/**
 * Writing the host directory into Member / Department / DepartmentMember in bulk: multi-row
 * upserts through the dialect (a few hundred rows per statement), lookups in chunks, and
 * membership changes computed as a difference so an unchanged directory writes almost nothing.
 *
 * Host ids are kept exactly as given (case-sensitive ciphertext). No names are stored: third-party
 * apps do not receive them.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/client';

const ROWS_PER_STATEMENT = 500;
const IDS_PER_LOOKUP = 900;

export const newId = () => `c${Date.now().toString(36)}${randomBytes(8).toString('hex')}`;

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type HostMemberStatus = 'active' | 'left';

/** Host status 1 (active) and 4 (not yet activated) may use Qixue; 2 (disabled) and 5 (exited) may not. */
export const memberStatusOf = (hostStatus: unknown): HostMemberStatus => (Number(hostStatus) === 2 || Number(hostStatus) === 5 ? 'left' : 'active');

export interface DeptRow {
  id: string;
  hostDeptId: string;
  parentId: string | null;
  path: string;
  sortOrder: number;
}

export class DirectoryStore {
  constructor(
    private readonly db: Database,
    private readonly tenantId: string,
  ) {}

  private get q() {
    return this.db.dialect.quote;
  }

  /** hostDeptId → { id, path } of every department of the tenant. */
  async departments(): Promise<Map<string, { id: string; path: string; parentId: string | null }>> {
    const rows = await this.db.prisma.department.findMany({
      where: { tenantId: this.tenantId, hostDeptId: { not: null } },
      select: { id: true, hostDeptId: true, path: true, parentId: true },
    });
    return new Map(rows.map((r) => [r.hostDeptId!, { id: r.id, path: r.path, parentId: r.parentId }]));
  }

  async upsertDepartments(rows: DeptRow[], now: Date): Promise<void> {
    const { dialect, raw } = this.db;
    const columns = ['id', 'tenantId', 'hostDeptId', 'parentId', 'path', 'sortOrder', 'createdAt', 'updatedAt'];
    const updates = Object.fromEntries(['parentId', 'path', 'sortOrder', 'updatedAt'].map((c) => [c, dialect.incoming(c)]));
    for (const chunk of chunks(rows, ROWS_PER_STATEMENT)) {
      const params = chunk.flatMap((r) => [r.id, this.tenantId, r.hostDeptId, r.parentId, r.path, r.sortOrder, now, now]);
      await raw.execute(dialect.upsertSql('Department', columns, chunk.length, ['tenantId', 'hostDeptId'], updates), params);
    }
  }

  /**
   * Inserts or updates members by host user id and marks them seen (updatedAt = now). A member
   * Qixue cancelled stays cancelled; one frozen for inactivity stays frozen unless the host says
   * they left. Roles are never lowered here; `admin: true` raises one.
   */
  async upsertMembers(members: { hostUserId: string; status: HostMemberStatus; admin?: boolean }[], now: Date): Promise<void> {
    if (members.length === 0) return;
    const { dialect, raw } = this.db;
    const status = dialect.existing('Member', 'status');
    const role = dialect.existing('Member', 'role');
    const columns = ['id', 'tenantId', 'hostUserId', 'status', 'role', 'createdAt', 'updatedAt'];
    const updates = {
      status: `CASE WHEN ${status} = 'cancelled' THEN ${status} WHEN ${dialect.incoming('status')} = 'left' THEN 'left' WHEN ${status} = 'frozen' THEN ${status} ELSE ${dialect.incoming('status')} END`,
      role: `CASE WHEN ${dialect.incoming('role')} = 'admin' THEN 'admin' ELSE ${role} END`,
      updatedAt: dialect.incoming('updatedAt'),
    };
    // One statement must not name the same key twice (MySQL would apply both, SQLite refuses).
    const unique = [...new Map(members.map((m) => [m.hostUserId, m])).values()];
    for (const chunk of chunks(unique, ROWS_PER_STATEMENT)) {
      const params = chunk.flatMap((m) => [newId(), this.tenantId, m.hostUserId, m.status, m.admin ? 'admin' : 'member', now, now]);
      await raw.execute(dialect.upsertSql('Member', columns, chunk.length, ['tenantId', 'hostUserId'], updates), params);
    }
  }

  /** hostUserId → member id for the given host ids. */
  async memberIds(hostUserIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const q = this.q;
    for (const chunk of chunks([...new Set(hostUserIds)], IDS_PER_LOOKUP)) {
      const rows = await this.db.raw.query<{ id: string; hostUserId: string }>(
        `SELECT ${q('id')}, ${q('hostUserId')} FROM ${q('Member')} WHERE ${q('tenantId')} = ? AND ${q('hostUserId')} IN (${chunk.map(() => '?').join(', ')})`,
        [this.tenantId, ...chunk],
      );
      for (const r of rows) out.set(r.hostUserId, r.id);
    }
    return out;
  }

  /**
   * Makes the memberships of `departmentIds` exactly `wanted` (departmentId → memberId → isLeader):
   * inserts what is missing, updates leader flags, deletes the rest.
   */
  async replaceMemberships(departmentIds: string[], wanted: Map<string, Map<string, boolean>>, now: Date): Promise<void> {
    if (departmentIds.length === 0) return;
    const { dialect, raw } = this.db;
    const q = this.q;
    const existing = new Map<string, Map<string, boolean>>();
    for (const chunk of chunks(departmentIds, IDS_PER_LOOKUP)) {
      const rows = await raw.query<{ departmentId: string; memberId: string; isLeader: number | boolean }>(
        `SELECT ${q('departmentId')}, ${q('memberId')}, ${q('isLeader')} FROM ${q('DepartmentMember')} WHERE ${q('tenantId')} = ? AND ${q('departmentId')} IN (${chunk.map(() => '?').join(', ')})`,
        [this.tenantId, ...chunk],
      );
      for (const r of rows) {
        if (!existing.has(r.departmentId)) existing.set(r.departmentId, new Map());
        existing.get(r.departmentId)!.set(r.memberId, Boolean(Number(r.isLeader)));
      }
    }
    const upserts: [string, string, boolean][] = [];
    const deletes: [string, string][] = [];
    for (const departmentId of departmentIds) {
      const want = wanted.get(departmentId) ?? new Map<string, boolean>();
      const have = existing.get(departmentId) ?? new Map<string, boolean>();
      for (const [memberId, leader] of want) if (have.get(memberId) !== leader) upserts.push([departmentId, memberId, leader]);
      for (const memberId of have.keys()) if (!want.has(memberId)) deletes.push([departmentId, memberId]);
    }
    const columns = ['tenantId', 'departmentId', 'memberId', 'isLeader', 'createdAt'];
    for (const chunk of chunks(upserts, ROWS_PER_STATEMENT)) {
      await raw.execute(
        dialect.upsertSql('DepartmentMember', columns, chunk.length, ['tenantId', 'departmentId', 'memberId'], { isLeader: dialect.incoming('isLeader') }),
        chunk.flatMap(([d, m, leader]) => [this.tenantId, d, m, leader, now]),
      );
    }
    await this.deleteMemberships(deletes);
  }

  async deleteMemberships(pairs: [string, string][]): Promise<void> {
    const q = this.q;
    const byDept = new Map<string, string[]>();
    for (const [d, m] of pairs) byDept.set(d, [...(byDept.get(d) ?? []), m]);
    for (const [departmentId, memberIds] of byDept) {
      for (const chunk of chunks(memberIds, IDS_PER_LOOKUP)) {
        await this.db.raw.execute(
          `DELETE FROM ${q('DepartmentMember')} WHERE ${q('tenantId')} = ? AND ${q('departmentId')} = ? AND ${q('memberId')} IN (${chunk.map(() => '?').join(', ')})`,
          [this.tenantId, departmentId, ...chunk],
        );
      }
    }
  }

  /** The member's memberships become exactly `wanted` (departmentId → isLeader). */
  async setMemberDepartments(memberId: string, wanted: Map<string, boolean>, now: Date): Promise<void> {
    const prisma = this.db.prisma;
    const have = await prisma.departmentMember.findMany({ where: { tenantId: this.tenantId, memberId }, select: { departmentId: true, isLeader: true } });
    const stale = have.filter((h) => !wanted.has(h.departmentId)).map((h) => h.departmentId);
    if (stale.length) await prisma.departmentMember.deleteMany({ where: { tenantId: this.tenantId, memberId, departmentId: { in: stale } } });
    for (const [departmentId, isLeader] of wanted) {
      const current = have.find((h) => h.departmentId === departmentId);
      if (current?.isLeader === isLeader) continue;
      await prisma.departmentMember.upsert({
        where: { tenantId_departmentId_memberId: { tenantId: this.tenantId, departmentId, memberId } },
        create: { tenantId: this.tenantId, departmentId, memberId, isLeader, createdAt: now },
        update: { isLeader },
      });
    }
  }

  /** Members who left: status `left` (records kept) and no department any more. */
  async markLeft(memberIds: string[]): Promise<void> {
    const prisma = this.db.prisma;
    for (const chunk of chunks(memberIds, IDS_PER_LOOKUP)) {
      await prisma.member.updateMany({ where: { tenantId: this.tenantId, id: { in: chunk }, status: { not: 'cancelled' } }, data: { status: 'left' } });
      await prisma.departmentMember.deleteMany({ where: { tenantId: this.tenantId, memberId: { in: chunk } } });
    }
  }

  async deleteDepartments(ids: string[]): Promise<void> {
    const prisma = this.db.prisma;
    for (const chunk of chunks(ids, IDS_PER_LOOKUP)) {
      await prisma.departmentMember.deleteMany({ where: { tenantId: this.tenantId, departmentId: { in: chunk } } });
      await prisma.department.deleteMany({ where: { tenantId: this.tenantId, id: { in: chunk } } });
    }
  }
}
