/** The audit row of a write to a folder or document, by whoever made it (admin or editor). */
import { audit } from '../../core/audit';
import type { Kb } from './context';

export function kbAudit(kb: Kb, action: string, nodeId: string, details?: Record<string, unknown>): Promise<void> {
  return audit(kb.db, { tenantId: kb.actor.tenantId, actorType: 'member', actorId: kb.actor.memberId, action, targetType: 'kb_node', targetId: nodeId, ip: kb.ip, details });
}
