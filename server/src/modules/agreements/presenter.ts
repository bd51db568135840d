/** What members and staff see of agreement versions and acceptances: explicit fields only. */

export const versionSelect = {
  id: true, kind: true, version: true, content: true, changeSummary: true, isCurrent: true, publishedById: true, publishedAt: true,
} as const;

export interface VersionRow {
  id: string;
  kind: string;
  version: string;
  content: string;
  changeSummary: string;
  isCurrent: boolean;
  publishedById: string | null;
  publishedAt: Date;
}

export function presentVersion(v: VersionRow, options: { staff?: boolean } = {}) {
  return {
    id: v.id,
    kind: v.kind,
    version: v.version,
    content: v.content,
    changeSummary: v.changeSummary,
    isCurrent: v.isCurrent,
    publishedAt: v.publishedAt.toISOString(),
    ...(options.staff && { publishedById: v.publishedById }),
  };
}

export function presentAcceptance(a: { id: string; versionId: string; acceptedAt: Date; ip: string | null }, version: { kind: string; version: string }) {
  return { id: a.id, versionId: a.versionId, kind: version.kind, version: version.version, acceptedAt: a.acceptedAt.toISOString(), ip: a.ip };
}
