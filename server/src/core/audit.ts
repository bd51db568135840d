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

/** What admins and staff read of the audit trail: an explicit field list, never the Prisma row. */
export const auditLogSelect = {
  id: true, tenantId: true, actorType: true, actorId: true, action: true, targetType: true, targetId: true, ip: true, details: true, createdAt: true,
} as const;

export function presentAuditLog(row: {
  id: string; tenantId: string | null; actorType: string; actorId: string | null; action: string; targetType: string | null;
  targetId: string | null; ip: string | null; details: unknown; createdAt: Date;
}) {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
