/**
 * Evidence (003 §10): the text of violating content as it was — when screening refused or held
 * it, when it was reported, hidden or deleted — kept unchanged for COMMUNITY_EVIDENCE_RETENTION_DAYS
 * (at least 180) and for as long as its case is open. Moderators read it with the case; platform
 * staff export it for authorities; nothing members see reads this table.
 */
import type { AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';

const DAY_MS = 86_400_000;

export type EvidenceEvent = 'screening_refused' | 'screening_held' | 'reported' | 'hidden' | 'deleted' | 'appealed';

export interface EvidenceInput {
  caseId?: string | null;
  targetType: string;
  targetId: string;
  authorId?: string | null;
  authorIp?: string | null;
  event: EvidenceEvent;
  content: string;
}

export async function captureEvidence(deps: AppDeps, db: TenantDb, input: EvidenceInput, now = new Date()): Promise<void> {
  await db.moderationEvidence.create({
    data: {
      caseId: input.caseId ?? null, targetType: input.targetType, targetId: input.targetId, authorId: input.authorId ?? null,
      authorIp: input.authorIp?.slice(0, 64) ?? null, event: input.event, content: input.content, capturedAt: now,
      retainUntil: new Date(now.getTime() + deps.config.COMMUNITY_EVIDENCE_RETENTION_DAYS * DAY_MS),
    } as never,
    select: { id: true },
  });
}

/** Evidence of one thing is captured once per event kind and case (a second report adds nothing). */
export async function captureOnce(deps: AppDeps, db: TenantDb, input: EvidenceInput): Promise<void> {
  const seen = await db.moderationEvidence.findFirst({
    where: { targetType: input.targetType, targetId: input.targetId, event: input.event, caseId: input.caseId ?? null },
    select: { id: true },
  });
  if (!seen) await captureEvidence(deps, db, input);
}

export const evidenceSelect = {
  id: true, caseId: true, targetType: true, targetId: true, authorId: true, authorIp: true, event: true, content: true, capturedAt: true, retainUntil: true,
} as const;

export function presentEvidence(row: {
  id: string; caseId: string | null; targetType: string; targetId: string; authorId: string | null; authorIp: string | null;
  event: string; content: string; capturedAt: Date; retainUntil: Date;
}) {
  return { ...row, capturedAt: row.capturedAt.toISOString(), retainUntil: row.retainUntil.toISOString() };
}

/**
 * Deletes evidence past its retention whose case is closed (or that has none). Evidence of an
 * open case stays, however old. Returns how many rows went.
 */
export async function purgeExpiredEvidence(deps: AppDeps, now = new Date()): Promise<number> {
  const { prisma } = deps.db;
  let purged = 0;
  let after: string | undefined;
  for (;;) {
    const due = await prisma.moderationEvidence.findMany({
      where: { retainUntil: { lt: now }, ...(after && { id: { gt: after } }) }, select: { id: true, caseId: true }, take: 500, orderBy: { id: 'asc' },
    });
    if (due.length === 0) return purged;
    after = due[due.length - 1].id;
    const caseIds = [...new Set(due.flatMap((e) => (e.caseId ? [e.caseId] : [])))];
    const open = new Set(
      caseIds.length ? (await prisma.moderationCase.findMany({ where: { id: { in: caseIds }, status: 'open' }, select: { id: true } })).map((c) => c.id) : [],
    );
    const ids = due.filter((e) => !e.caseId || !open.has(e.caseId)).map((e) => e.id);
    if (ids.length) purged += (await prisma.moderationEvidence.deleteMany({ where: { id: { in: ids } } })).count;
  }
}
