/** What clients see of spaces, nodes, documents and revisions: explicit field lists, never rows. */
import type { KbAccess, KbRole } from './policy';

export const spaceSelect = { id: true, name: true, description: true, status: true, createdById: true, createdAt: true, updatedAt: true } as const;
export interface SpaceRow {
  id: string; name: string; description: string | null; status: string; createdById: string; createdAt: Date; updatedAt: Date;
}

export const nodeSelect = {
  id: true, spaceId: true, parentId: true, kind: true, title: true, path: true, aclPath: true, inheritPermissions: true,
  sortOrder: true, status: true, revision: true, createdById: true, updatedById: true, createdAt: true, updatedAt: true,
} as const;
export interface NodeRow {
  id: string; spaceId: string; parentId: string | null; kind: 'folder' | 'document'; title: string; path: string; aclPath: string;
  inheritPermissions: boolean; sortOrder: number; status: 'active' | 'archived' | 'deleted'; revision: number;
  createdById: string; updatedById: string | null; createdAt: Date; updatedAt: Date;
}

export function presentSpace(s: SpaceRow, access: KbAccess) {
  const role = access.roleOnSpace(s.id);
  return {
    id: s.id, name: s.name, description: s.description, status: s.status, createdById: s.createdById,
    createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString(), role, abilities: access.abilities(role),
  };
}

export function presentNode(n: NodeRow, role: KbRole | null, access: KbAccess) {
  return {
    id: n.id, spaceId: n.spaceId, parentId: n.parentId, kind: n.kind, title: n.title, status: n.status,
    inheritPermissions: n.inheritPermissions, sortOrder: n.sortOrder, revision: n.revision,
    createdById: n.createdById, updatedById: n.updatedById, createdAt: n.createdAt.toISOString(), updatedAt: n.updatedAt.toISOString(),
    role, abilities: access.abilities(role),
  };
}

export function presentRevision(r: { number: number; title: string; authorId: string; createdAt: Date; body?: string }) {
  return { number: r.number, title: r.title, authorId: r.authorId, createdAt: r.createdAt.toISOString(), ...(r.body !== undefined && { body: r.body }) };
}
