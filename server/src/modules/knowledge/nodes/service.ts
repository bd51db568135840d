/**
 * The tree: creating folders and documents, moving and copying subtrees between folders and
 * spaces, archiving, restoring and deleting. Paths are materialised (see KbNode), so every
 * operation on a subtree is a prefix query followed by recomputing path and aclPath top-down;
 * the search index follows (relocate / remove / re-index).
 */
import { audit } from '../../../core/audit';
import { errors } from '../../../core/errors';
import { newId, type Kb } from '../context';
import { cleanTitle, indexDocument, prepareContent } from '../documents/service';
import { htmlToText } from '../content/sanitize';
import { nodeSelect, type NodeRow } from '../presenter';

type Parent = Pick<NodeRow, 'id' | 'path' | 'aclPath'> | null;

const childPaths = (spaceId: string, parent: Parent, id: string, inherit: boolean) => ({
  path: `${parent?.path ?? '/'}${id}/`,
  aclPath: inherit ? `${parent?.aclPath ?? `/${spaceId}/`}${id}/` : `/${id}/`,
});

export async function subtree(kb: Kb, node: Pick<NodeRow, 'path'>, extra: Record<string, unknown> = {}): Promise<NodeRow[]> {
  const rows = await kb.db.kbNode.findMany({ where: { path: { startsWith: node.path }, ...extra }, select: nodeSelect });
  return rows.sort((a, b) => a.path.length - b.path.length);
}

export async function createNode(
  kb: Kb,
  dest: { spaceId: string; parent: Parent },
  input: { kind: 'folder' | 'document'; title: string; body?: string; sortOrder?: number },
): Promise<NodeRow> {
  const title = cleanTitle(input.title);
  const id = newId();
  const content = input.kind === 'document' ? await prepareContent(kb, title, input.body ?? '') : null;
  const paths = childPaths(dest.spaceId, dest.parent, id, true);
  const node = await kb.db.kbNode.create({
    data: {
      id, spaceId: dest.spaceId, parentId: dest.parent?.id ?? null, kind: input.kind, title, ...paths,
      body: content?.body ?? null, revision: content ? 1 : 0, sortOrder: input.sortOrder ?? 0,
      createdById: kb.actor.memberId, updatedById: kb.actor.memberId,
    } as never,
    select: nodeSelect,
  });
  if (content) {
    await kb.db.kbRevision.create({ data: { nodeId: id, number: 1, title, body: content.body, authorId: kb.actor.memberId } as never });
    await indexDocument(kb, node, title, content.text);
  }
  return node;
}

/** Recomputes path and aclPath of `root`'s subtree under a new parent (or the same one) and space. */
async function rewriteSubtree(kb: Kb, root: NodeRow, spaceId: string, parent: Parent, inheritRoot = root.inheritPermissions) {
  const nodes = await subtree(kb, root);
  const placed = new Map<string, { path: string; aclPath: string }>();
  for (const n of nodes) {
    const isRoot = n.id === root.id;
    const up = isRoot ? parent : { id: n.parentId!, ...placed.get(n.parentId!)! };
    const paths = childPaths(spaceId, up, n.id, isRoot ? inheritRoot : n.inheritPermissions);
    placed.set(n.id, paths);
    await kb.db.kbNode.update({
      where: { id: n.id },
      data: { ...paths, spaceId, ...(isRoot && { parentId: parent?.id ?? null, inheritPermissions: inheritRoot }) },
    });
  }
  // Permission entries on moved nodes follow them to their new space.
  await kb.db.kbPermission.updateMany({ where: { targetId: { in: nodes.map((n) => n.id) } }, data: { spaceId } });
  await kb.search.relocate(kb.actor.tenantId, nodes.filter((n) => n.kind === 'document').map((n) => ({ nodeId: n.id, spaceId, aclPath: placed.get(n.id)!.aclPath })));
}

async function parentOf(kb: Kb, node: NodeRow): Promise<Parent> {
  if (!node.parentId) return null;
  return kb.db.kbNode.findUnique({ where: { id: node.parentId }, select: { id: true, path: true, aclPath: true } });
}

export async function setInheritance(kb: Kb, node: NodeRow, inherit: boolean): Promise<void> {
  if (node.inheritPermissions === inherit) return;
  await rewriteSubtree(kb, node, node.spaceId, await parentOf(kb, node), inherit);
  await audit(kb.db, {
    tenantId: kb.actor.tenantId, actorType: 'member', actorId: kb.actor.memberId, action: inherit ? 'kb.node.inherit' : 'kb.node.break_inheritance',
    targetType: 'kb_node', targetId: node.id, ip: kb.ip,
  });
}

export async function moveNode(kb: Kb, node: NodeRow, dest: { spaceId: string; parent: Parent }, sortOrder?: number): Promise<void> {
  if (dest.parent && dest.parent.path.startsWith(node.path)) {
    throw errors.badRequest('invalid_move', '不能移动到自身或其子文件夹中 / A folder cannot move into itself');
  }
  await rewriteSubtree(kb, node, dest.spaceId, dest.parent);
  if (sortOrder !== undefined) await kb.db.kbNode.update({ where: { id: node.id }, data: { sortOrder } });
}

/** Copies the active part of a subtree: new ids, content and a first revision; no permissions, comments or history. */
export async function copyNode(kb: Kb, node: NodeRow, dest: { spaceId: string; parent: Parent }): Promise<NodeRow> {
  if (dest.parent && dest.parent.path.startsWith(node.path)) {
    throw errors.badRequest('invalid_copy', '不能复制到自身或其子文件夹中 / A folder cannot be copied into itself');
  }
  const nodes = await subtree(kb, node, { status: 'active' });
  const bodies = new Map(
    (await kb.db.kbNode.findMany({ where: { id: { in: nodes.filter((n) => n.kind === 'document').map((n) => n.id) } }, select: { id: true, body: true } })).map((b) => [b.id, b.body ?? '']),
  );
  const created = new Map<string, NodeRow>();
  for (const n of nodes) {
    const parent = n.id === node.id ? dest.parent : created.get(n.parentId!);
    if (n.id !== node.id && !parent) continue; // its folder was not copied
    const copy = await createNode(kb, { spaceId: dest.spaceId, parent: parent ?? null }, {
      kind: n.kind, title: n.id === node.id ? `${n.title} (副本)` : n.title, body: bodies.get(n.id), sortOrder: n.sortOrder,
    });
    created.set(n.id, copy);
  }
  return created.get(node.id)!;
}

export async function archiveNode(kb: Kb, node: NodeRow): Promise<void> {
  const nodes = await subtree(kb, node, { status: 'active' });
  await kb.db.kbNode.updateMany({ where: { id: { in: nodes.map((n) => n.id) } }, data: { status: 'archived', archivedAt: new Date() } });
  await kb.search.remove(kb.actor.tenantId, nodes.map((n) => n.id));
}

export async function deleteNode(kb: Kb, node: NodeRow): Promise<void> {
  const nodes = await subtree(kb, node, { status: { not: 'deleted' } });
  await kb.db.kbNode.updateMany({ where: { id: { in: nodes.map((n) => n.id) } }, data: { status: 'deleted', deletedAt: new Date() } });
  await kb.search.remove(kb.actor.tenantId, nodes.map((n) => n.id));
  await audit(kb.db, { tenantId: kb.actor.tenantId, actorType: 'member', actorId: kb.actor.memberId, action: 'kb.node.delete', targetType: 'kb_node', targetId: node.id, ip: kb.ip });
}

/**
 * Brings an archived or deleted node and its subtree back. When its folder is not active any more,
 * it comes back at the top of the space.
 */
export async function restoreNode(kb: Kb, node: NodeRow): Promise<void> {
  const parent = node.parentId ? await kb.db.kbNode.findUnique({ where: { id: node.parentId }, select: { id: true, path: true, aclPath: true, status: true } }) : null;
  let root = node;
  if (node.parentId && parent?.status !== 'active') {
    await rewriteSubtree(kb, node, node.spaceId, null);
    root = (await kb.db.kbNode.findUnique({ where: { id: node.id }, select: nodeSelect }))!;
  }
  const nodes = await subtree(kb, root, { status: node.status });
  await kb.db.kbNode.updateMany({ where: { id: { in: nodes.map((n) => n.id) } }, data: { status: 'active', archivedAt: null, deletedAt: null } });
  const docs = nodes.filter((n) => n.kind === 'document');
  const bodies = await kb.db.kbNode.findMany({ where: { id: { in: docs.map((d) => d.id) } }, select: { id: true, title: true, body: true, spaceId: true, aclPath: true } });
  for (const d of bodies) await indexDocument(kb, d, d.title, htmlToText(d.body ?? ''));
}
