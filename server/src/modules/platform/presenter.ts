/** What staff see of a tenant. */
export interface TenantRow {
  id: string;
  name: string;
  industry: string | null;
  size: string | null;
  edition: string;
  status: string;
  hostCorpId: string | null;
  timeZone: string;
  createdAt: Date;
  updatedAt: Date;
}

export const tenantSelect = {
  id: true, name: true, industry: true, size: true, edition: true, status: true, hostCorpId: true, timeZone: true, createdAt: true, updatedAt: true,
} as const;

export function presentTenant(t: TenantRow) {
  return {
    id: t.id,
    name: t.name,
    industry: t.industry,
    size: t.size,
    edition: t.edition,
    status: t.status,
    installedFromWecom: t.hostCorpId !== null,
    hostCorpId: t.hostCorpId,
    timeZone: t.timeZone,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
