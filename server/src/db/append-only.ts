/**
 * The audit log is append-only: the application cannot change or delete its rows.
 * (The migrations add database triggers that refuse the same, for anything that bypasses Prisma.)
 */
import type { PrismaClient as BasePrismaClient } from './generated/mysql/client';

const refuse = () => {
  throw new Error('AuditLog is append-only: rows cannot be changed or deleted');
};

export function appendOnly(client: BasePrismaClient) {
  return client.$extends({
    name: 'append-only-audit',
    query: {
      auditLog: { update: refuse, updateMany: refuse, upsert: refuse, delete: refuse, deleteMany: refuse },
    },
  });
}
