/** What members and staff see of agreement versions and acceptances: explicit fields only. */

import type { AgreementVersionRow } from '../../db/global-tables';

// Agreement versions are a global table: their select lives with its named functions (db/global-tables).
export { agreementVersionSelect as versionSelect } from '../../db/global-tables';
export type VersionRow = AgreementVersionRow;

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
