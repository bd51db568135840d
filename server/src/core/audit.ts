/** The append-only audit trail of admin, staff and system actions. */
import type { PrismaClient } from '../db/client';
import type { TenantDb } from './tenancy';

export interface AuditEntry {
  tenantId?: string | null;
  actorType: 'member' | 'staff' | 'system';
  actorId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  ip?: string;
  details?: Record<string, unknown>;
}

export async function audit(client: PrismaClient | TenantDb, entry: AuditEntry): Promise<void> {
  await (client as PrismaClient).auditLog.create({
    data: { ...entry, ip: entry.ip?.slice(0, 64), details: entry.details as object | undefined },
  });
}
