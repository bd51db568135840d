/** What members and staff see of privacy requests and real-name fields: explicit fields only. */
import { maskIdNumber } from './id-number';

export const requestSelect = {
  id: true, tenantId: true, memberId: true, kind: true, details: true, status: true, dueAt: true, answer: true, answeredAt: true, createdAt: true,
} as const;

export interface RequestRow {
  id: string;
  tenantId: string;
  memberId: string;
  kind: string;
  details: string;
  status: string;
  dueAt: Date;
  answer: string | null;
  answeredAt: Date | null;
  createdAt: Date;
}

export function presentRequest(r: RequestRow) {
  return {
    id: r.id,
    memberId: r.memberId,
    kind: r.kind,
    details: r.details,
    status: r.status,
    dueAt: r.dueAt.toISOString(),
    overdue: r.status === 'open' && r.dueAt.getTime() < Date.now(),
    answer: r.answer,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export const presentRequestForStaff = (r: RequestRow) => ({ ...presentRequest(r), tenantId: r.tenantId });

export function presentRealName(
  row: { realName: string | null; idNumber: string | null; employer: string | null; region: string | null } | null,
  required: boolean,
) {
  return {
    required,
    realName: row?.realName ?? null,
    idNumber: row?.idNumber ? maskIdNumber(row.idNumber) : null,
    idNumberLocked: !!row?.idNumber,
    employer: row?.employer ?? null,
    region: row?.region ?? null,
  };
}
