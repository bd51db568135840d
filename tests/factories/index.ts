/**
 * Factories: every test builds its own enterprise, so tests need no cleanup and no order.
 * Sessions are minted directly here (test-only); real logins come from the host login routes.
 */
import { randomBytes } from 'node:crypto';
import { createSession } from '../../server/src/core/auth/sessions';
import type { TestApp } from '../support/test-app';

const unique = () => randomBytes(5).toString('hex');

export interface TestMember {
  id: string;
  tenantId: string;
  token: string;
  hostUserId: string;
}

export interface TestTenant {
  id: string;
  admin: TestMember;
}

export async function createMember(
  t: TestApp,
  tenantId: string,
  overrides: { role?: 'member' | 'admin'; status?: 'active' | 'left' | 'frozen' | 'cancelled'; hostUserId?: string } = {},
): Promise<TestMember> {
  const hostUserId = overrides.hostUserId ?? `user_${unique()}`;
  const member = await t.deps.db.prisma.member.create({
    data: { tenantId, hostUserId, role: overrides.role ?? 'member', status: overrides.status ?? 'active' },
    select: { id: true },
  });
  const { token } = await createSession(t.deps.db.prisma, { tenantId, memberId: member.id, method: 'test', ttlHours: 1 });
  return { id: member.id, tenantId, token, hostUserId };
}

export async function createTenant(
  t: TestApp,
  overrides: { name?: string; status?: 'active' | 'suspended' | 'uninstalled' | 'cancelled'; edition?: 'basic' | 'pro' | 'private' } = {},
): Promise<TestTenant> {
  const tenant = await t.deps.db.prisma.tenant.create({
    data: { name: overrides.name ?? `测试企业 ${unique()}`, status: overrides.status ?? 'active', edition: overrides.edition ?? 'pro' },
    select: { id: true },
  });
  const admin = await createMember(t, tenant.id, { role: 'admin' });
  return { id: tenant.id, admin };
}

export async function createDepartment(t: TestApp, tenantId: string, parent?: { id: string; path: string }, name = `部门 ${unique()}`) {
  const id = `d${unique()}${unique()}`;
  const path = `${parent?.path ?? '/'}${id}/`;
  await t.deps.db.prisma.department.create({ data: { id, tenantId, parentId: parent?.id ?? null, name, path, hostDeptId: id } });
  return { id, path };
}

export async function addToDepartment(t: TestApp, tenantId: string, departmentId: string, memberId: string) {
  await t.deps.db.prisma.departmentMember.create({ data: { tenantId, departmentId, memberId } });
}
