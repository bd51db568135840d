/** Permanent deletion of a subtree: rows, history, social data, attachments (and their files), index. */
import { audit } from '../../../core/audit';
import type { Kb } from '../context';
import { storageOf } from '../storage';
import type { NodeRow } from '../presenter';
import { subtree } from './service';

export async function purgeNode(kb: Kb, node: NodeRow): Promise<void> {
  const ids = (await subtree(kb, node)).map((n) => n.id);
  const files = await kb.db.kbAttachment.findMany({ where: { nodeId: { in: ids } }, select: { storageKey: true } });
  const storage = storageOf(kb.deps);
  for (const f of files) await storage.remove(f.storageKey);
  const byNode = { where: { nodeId: { in: ids } } };
  await kb.db.kbAttachment.deleteMany(byNode);
  await kb.db.kbRevision.deleteMany(byNode);
  await kb.db.kbComment.deleteMany(byNode);
  await kb.db.kbLike.deleteMany(byNode);
  await kb.db.kbView.deleteMany(byNode);
  await kb.db.kbPermission.deleteMany({ where: { targetId: { in: ids } } });
  await kb.search.remove(kb.actor.tenantId, ids);
  await kb.db.kbNode.deleteMany({ where: { id: { in: ids } } });
  await audit(kb.db, { tenantId: kb.actor.tenantId, actorType: 'member', actorId: kb.actor.memberId, action: 'kb.node.purge', targetType: 'kb_node', targetId: node.id, ip: kb.ip, details: { nodes: ids.length } });
}
