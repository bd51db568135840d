/** The knowledge tree as the server sends it (flat with parentId, or nested) → rows to render. */
export interface TreeNode {
  id: string;
  parentId: string | null;
  title: string;
  kind: string;
  children?: TreeNode[];
}

export interface TreeRow {
  node: TreeNode;
  depth: number;
  hasChildren: boolean;
  open: boolean;
}

export function nest(nodes: TreeNode[]): TreeNode[] {
  if (nodes.some((n) => n.children && n.children.length)) return nodes;
  const byParent = new Map<string | null, TreeNode[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    const key = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), n]);
  }
  const build = (parent: string | null): TreeNode[] => (byParent.get(parent) ?? []).map((n) => ({ ...n, children: build(n.id) }));
  return build(null);
}

/** Visible rows: folders listed first, children shown only under open folders. */
export function visibleRows(roots: TreeNode[], open: ReadonlySet<string>, depth = 0): TreeRow[] {
  const sorted = [...roots].sort((a, b) => Number(b.kind === 'folder') - Number(a.kind === 'folder'));
  const rows: TreeRow[] = [];
  for (const node of sorted) {
    const kids = node.children ?? [];
    const isOpen = open.has(node.id);
    rows.push({ node, depth, hasChildren: kids.length > 0, open: isOpen });
    if (isOpen) rows.push(...visibleRows(kids, open, depth + 1));
  }
  return rows;
}

export function toggle(open: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(open);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
