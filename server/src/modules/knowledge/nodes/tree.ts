/**
 * A space's tree as a member sees it: only nodes they may read. A readable node whose folder is
 * not readable hangs from its nearest readable ancestor, or from the top of the space.
 */
import type { Kb } from '../context';
import { pathIds } from '../policy';
import { nodeSelect, presentNode } from '../presenter';

type Item = ReturnType<typeof presentNode> & { children?: Item[] };

export async function spaceTree(kb: Kb, spaceId: string, status: 'active' | 'archived' | 'deleted'): Promise<Item[]> {
  const rows = await kb.db.kbNode.findMany({ where: { spaceId, status }, select: nodeSelect, orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] });
  const items = new Map<string, Item>();
  for (const row of rows) {
    const role = kb.access.roleOn(row);
    if (kb.access.can('read', role)) items.set(row.id, presentNode(row, role, kb.access));
  }
  // Archived and deleted nodes are listed flat (to restore them), active ones as a tree.
  if (status !== 'active') return [...items.values()];
  const roots: Item[] = [];
  for (const row of rows) {
    const item = items.get(row.id);
    if (!item) continue;
    const ancestors = pathIds(row.path).slice(0, -1).reverse();
    const holder = ancestors.map((id) => items.get(id)).find(Boolean);
    if (holder) (holder.children ??= []).push(item);
    else roots.push(item);
  }
  for (const item of items.values()) if (item.kind === 'folder') item.children ??= [];
  return roots;
}
