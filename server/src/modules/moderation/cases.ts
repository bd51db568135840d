/**
 * The review queue's cases. One open case per kind and thing (openKey, unique while open), so
 * reports of one post pile onto one case and two moderators never decide the same thing twice.
 */
import type { TenantDb } from '../../core/tenancy';

export type CaseKind = 'report' | 'screening' | 'appeal';

export interface CaseInput {
  kind: CaseKind;
  targetType: string;
  targetId: string;
  subjectId?: string | null;
  summary?: string | null;
  appealText?: string | null;
}

const openKeyOf = (c: { kind: string; targetType: string; targetId: string }) => `${c.kind}:${c.targetType}:${c.targetId}`;

/** The open case of this kind for the thing, created if there is none. */
export async function openCase(db: TenantDb, input: CaseInput): Promise<{ id: string; created: boolean }> {
  const openKey = openKeyOf(input);
  const existing = await db.moderationCase.findFirst({ where: { openKey }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  try {
    const row = await db.moderationCase.create({
      data: {
        kind: input.kind, openKey, targetType: input.targetType, targetId: input.targetId, subjectId: input.subjectId ?? null,
        summary: input.summary?.slice(0, 500) ?? null, appealText: input.appealText ?? null,
      } as never,
      select: { id: true },
    });
    return { id: row.id, created: true };
  } catch (err) {
    if ((err as { code?: string }).code !== 'P2002') throw err;
    // Opened at the same moment by another request: that one is the case.
    const winner = await db.moderationCase.findFirst({ where: { openKey }, select: { id: true } });
    if (!winner) throw err;
    return { id: winner.id, created: false };
  }
}

/** Whether any case about the thing is still open (evidence is then kept past its retention). */
export async function hasOpenCase(db: TenantDb, targetType: string, targetId: string): Promise<boolean> {
  return (await db.moderationCase.count({ where: { targetType, targetId, status: 'open' } })) > 0;
}

export const caseSelect = {
  id: true, kind: true, status: true, targetType: true, targetId: true, subjectId: true, reportCount: true, summary: true, appealText: true,
  decision: true, decisionReason: true, decidedById: true, decidedAt: true, createdAt: true, updatedAt: true,
} as const;
