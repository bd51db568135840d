/**
 * What members and admins see of a member. Names of WeCom people are never stored: the client
 * renders `hostUserId` with the host's open-data component; `name` exists only for people who
 * registered directly.
 */
export const memberSelect = {
  id: true, hostUserId: true, name: true, status: true, role: true, lastActiveAt: true, createdAt: true,
} as const;

export interface MemberRow {
  id: string;
  hostUserId: string | null;
  name: string | null;
  status: string;
  role: string;
  lastActiveAt: Date | null;
  createdAt: Date;
}

export function presentMember(m: MemberRow) {
  return {
    id: m.id,
    hostUserId: m.hostUserId,
    name: m.name,
    status: m.status,
    role: m.role,
    lastActiveAt: m.lastActiveAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
  };
}
