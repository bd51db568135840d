/** Platform staff operations on tenants. Every change is audited. */
import type { z } from 'zod';
import type { AppDeps } from '../../core/context';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import type { createTenantBody, updateTenantBody } from './schema';
import { tenantSelect } from './presenter';

interface StaffContext {
  staffKeyId: string;
  ip?: string;
}

export async function registerTenant(deps: AppDeps, staff: StaffContext, input: z.infer<typeof createTenantBody>) {
  const { prisma } = deps.db;
  return prisma.$transaction(async (tx) => {
    const tenant = await tx.tenant.create({
      data: { name: input.name, industry: input.industry, size: input.size, edition: input.edition, ...(input.timeZone && { timeZone: input.timeZone }) },
      select: tenantSelect,
    });
    const admin = await tx.member.create({
      data: {
        tenantId: tenant.id,
        name: input.adminName,
        phoneCipher: deps.cipher.encrypt(input.adminPhone),
        phoneHash: deps.cipher.lookupHash(input.adminPhone),
        role: 'admin',
      },
      select: { id: true },
    });
    await audit(tx as never, {
      tenantId: tenant.id, actorType: 'staff', actorId: staff.staffKeyId, action: 'tenant.register',
      targetType: 'tenant', targetId: tenant.id, ip: staff.ip, details: { name: input.name, edition: input.edition, adminMemberId: admin.id },
    });
    return { tenant, adminMemberId: admin.id };
  });
}

export async function updateTenant(deps: AppDeps, staff: StaffContext, id: string, input: z.infer<typeof updateTenantBody>) {
  const { prisma } = deps.db;
  const current = await prisma.tenant.findUnique({ where: { id }, select: tenantSelect });
  if (!current) throw errors.notFound('tenant');
  if (input.status && current.status !== 'active' && current.status !== 'suspended') {
    throw errors.conflict('tenant_not_changeable', `企业状态为 ${current.status}，不能停用或恢复 / A ${current.status} tenant cannot be suspended or reinstated`);
  }
  const updated = await prisma.tenant.update({
    where: { id },
    data: { ...(input.edition && { edition: input.edition }), ...(input.status && { status: input.status }) },
    select: tenantSelect,
  });
  const action = input.status && input.status !== current.status ? (input.status === 'suspended' ? 'tenant.suspend' : 'tenant.reinstate') : 'tenant.update';
  await audit(prisma, {
    tenantId: id, actorType: 'staff', actorId: staff.staffKeyId, action, targetType: 'tenant', targetId: id, ip: staff.ip,
    details: { from: { edition: current.edition, status: current.status }, to: { edition: updated.edition, status: updated.status }, reason: input.reason },
  });
  return updated;
}
