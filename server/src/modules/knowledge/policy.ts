/**
 * Who may do what in a knowledge base.
 *
 * Roles: viewer (read, comment, like) < editor (create, edit, move, copy, archive, restore, upload)
 * < manager (permissions, delete). A role is granted on a space or on a node to a member, to a
 * department — which covers its sub-departments — or to the whole enterprise. A node's
 * permission entries are those on its `aclPath`: its own, its ancestors' and the space's, up to the
 * nearest node that breaks inheritance. The role on a node is the highest of those that match the
 * member. Enterprise admins are managers everywhere.
 *
 * A node the member may not read answers 404 (existence does not leak); one they may read but not
 * change answers 403.
 */
import type { Actor } from '../../core/context';
import { errors } from '../../core/errors';
import type { TenantDb } from '../../core/tenancy';

export type KbRole = 'viewer' | 'editor' | 'manager';
export type KbAction = 'read' | 'write' | 'manage';

const RANK: Record<KbRole, number> = { viewer: 1, editor: 2, manager: 3 };
const NEEDS: Record<KbAction, number> = { read: 1, write: 2, manage: 3 };

export const maxRole = (a: KbRole | null, b: KbRole | null): KbRole | null => (!a ? b : !b ? a : RANK[a] >= RANK[b] ? a : b);

/** The ids of an aclPath ("/a/b/c/" → [a, b, c]). */
export const pathIds = (path: string) => path.split('/').filter(Boolean);

export class KbAccess {
  constructor(
    readonly actor: Actor,
    /** Role granted directly on each space or node id that names this member. */
    private readonly grants: Map<string, KbRole>,
    /** Spaces in which this member holds a grant (on the space or on a node inside). */
    private readonly grantSpaces: Set<string> = new Set(),
  ) {}

  /** Whether the space shows up for this member at all. */
  seesSpace(spaceId: string): boolean {
    return this.isAdmin || this.grantSpaces.has(spaceId);
  }

  get isAdmin(): boolean {
    return this.actor.role === 'admin';
  }

  roleOnSpace(spaceId: string): KbRole | null {
    return this.isAdmin ? 'manager' : (this.grants.get(spaceId) ?? null);
  }

  roleOn(node: { aclPath: string }): KbRole | null {
    if (this.isAdmin) return 'manager';
    let role: KbRole | null = null;
    for (const id of pathIds(node.aclPath)) role = maxRole(role, this.grants.get(id) ?? null);
    return role;
  }

  can(action: KbAction, role: KbRole | null): boolean {
    return !!role && RANK[role] >= NEEDS[action];
  }

  /** Space and node ids whose grants let this member read what lies under them (search filter). */
  readableRoots(): string[] {
    return [...this.grants.keys()];
  }

  abilities(role: KbRole | null) {
    return { read: this.can('read', role), write: this.can('write', role), manage: this.can('manage', role) };
  }
}

/** The subjects that stand for a member: itself, its departments and their ancestors, the enterprise. */
export async function subjectsOf(db: TenantDb, actor: Actor): Promise<{ memberId: string; departmentIds: string[]; tenantId: string }> {
  const links = await db.departmentMember.findMany({ where: { memberId: actor.memberId }, select: { departmentId: true } });
  const departmentIds = new Set<string>();
  if (links.length) {
    const departments = await db.department.findMany({ where: { id: { in: links.map((l) => l.departmentId) } }, select: { id: true, path: true } });
    for (const d of departments) {
      departmentIds.add(d.id);
      for (const id of pathIds(d.path)) departmentIds.add(id);
    }
  }
  return { memberId: actor.memberId, departmentIds: [...departmentIds], tenantId: actor.tenantId };
}

export async function loadAccess(db: TenantDb, actor: Actor): Promise<KbAccess> {
  if (actor.role === 'admin') return new KbAccess(actor, new Map());
  const subjects = await subjectsOf(db, actor);
  const rows = await db.kbPermission.findMany({
    where: {
      OR: [
        { subjectKind: 'member', subjectId: subjects.memberId },
        { subjectKind: 'enterprise', subjectId: subjects.tenantId },
        ...(subjects.departmentIds.length ? [{ subjectKind: 'department' as const, subjectId: { in: subjects.departmentIds } }] : []),
      ],
    },
    select: { targetId: true, spaceId: true, role: true },
  });
  const grants = new Map<string, KbRole>();
  for (const row of rows) grants.set(row.targetId, maxRole(grants.get(row.targetId) ?? null, row.role)!);
  return new KbAccess(actor, grants, new Set(rows.map((r) => r.spaceId)));
}

/** Throws 404 when the member may not even read, 403 when they may read but not do `action`. */
export function authorizeKb(access: KbAccess, action: KbAction, role: KbRole | null, what = 'node'): void {
  if (!access.can('read', role)) throw errors.notFound(what);
  if (!access.can(action, role)) throw errors.forbidden();
}
