/** Loading a space or node for a request, with the 404/403 rules of policy.ts applied. */
import { errors } from '../../../core/errors';
import type { Kb } from '../context';
import { authorizeKb, type KbAction, type KbRole } from '../policy';
import { nodeSelect, spaceSelect, type NodeRow, type SpaceRow } from '../presenter';

export async function loadSpace(kb: Kb, id: string, action: KbAction, opts: { allowInactive?: boolean } = {}): Promise<{ space: SpaceRow; role: KbRole | null }> {
  const space = await kb.db.kbSpace.findUnique({ where: { id }, select: spaceSelect });
  if (!space || (space.status === 'deleted' && !kb.access.isAdmin) || (!opts.allowInactive && space.status !== 'active')) throw errors.notFound('space');
  const role = kb.access.roleOnSpace(id);
  // A member with grants only inside the space may see the space, not act on it.
  if (action === 'read' && !role && kb.access.seesSpace(id)) return { space, role };
  authorizeKb(kb.access, action, role, 'space');
  return { space, role };
}

export async function loadNode(
  kb: Kb,
  id: string,
  action: KbAction,
  opts: { kind?: 'document' | 'folder'; allowInactive?: boolean } = {},
): Promise<{ node: NodeRow; role: KbRole | null }> {
  const node = await kb.db.kbNode.findUnique({ where: { id }, select: nodeSelect });
  if (!node || (opts.kind && node.kind !== opts.kind)) throw errors.notFound(opts.kind ?? 'node');
  if (!opts.allowInactive && node.status !== 'active') throw errors.notFound(opts.kind ?? 'node');
  const space = await kb.db.kbSpace.findUnique({ where: { id: node.spaceId }, select: { status: true } });
  if (!space || space.status !== 'active') throw errors.notFound(opts.kind ?? 'node');
  const role = kb.access.roleOn(node);
  authorizeKb(kb.access, action, role, opts.kind ?? 'node');
  return { node, role };
}

/** Where a node goes: the top of a space or inside a folder of it. Needs `write` there. */
export async function loadDestination(kb: Kb, spaceId: string, parentId: string | null | undefined) {
  if (parentId) {
    const { node: parent } = await loadNode(kb, parentId, 'write', { kind: 'folder' });
    if (parent.spaceId !== spaceId) throw errors.badRequest('parent_not_in_space', '目标文件夹不在该知识库中 / The folder is not in this space');
    return { spaceId, parent };
  }
  await loadSpace(kb, spaceId, 'write');
  return { spaceId, parent: null };
}
