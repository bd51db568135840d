/** What moderators and members see of cases, penalties, bans and words. Reporters are never named. */
export function presentCase(c: {
  id: string; kind: string; status: string; targetType: string; targetId: string; subjectId: string | null; reportCount: number; summary: string | null;
  appealText: string | null; decision: string | null; decisionReason: string | null; decidedById: string | null; decidedAt: Date | null; createdAt: Date; updatedAt: Date;
}) {
  return { ...c, decidedAt: c.decidedAt?.toISOString() ?? null, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

/** A member's view of their own appeal: the outcome and its reason, not who decided. */
export function presentOwnAppeal(c: { id: string; status: string; targetType: string; targetId: string; appealText: string | null; decision: string | null; decisionReason: string | null; decidedAt: Date | null; createdAt: Date }) {
  return {
    id: c.id, status: c.status, targetType: c.targetType, targetId: c.targetId, text: c.appealText, decision: c.decision, decisionReason: c.decisionReason,
    decidedAt: c.decidedAt?.toISOString() ?? null, createdAt: c.createdAt.toISOString(),
  };
}

export function presentPenalty(p: { id: string; memberId: string; kind: string; status: string; reason: string; caseId: string | null; attemptId?: string | null; imposedById: string; startsAt: Date; endsAt: Date | null; revokedAt: Date | null; createdAt: Date }, forModerator: boolean) {
  return {
    id: p.id, memberId: p.memberId, kind: p.kind, status: p.status, reason: p.reason, startsAt: p.startsAt.toISOString(), endsAt: p.endsAt?.toISOString() ?? null,
    revokedAt: p.revokedAt?.toISOString() ?? null, createdAt: p.createdAt.toISOString(), attemptId: p.attemptId ?? null,
    ...(forModerator && { caseId: p.caseId, imposedById: p.imposedById }),
  };
}

export function presentIpBan(b: { id: string; ip: string; reason: string; createdById: string; endsAt: Date | null; revokedAt: Date | null; createdAt: Date }) {
  return { ...b, endsAt: b.endsAt?.toISOString() ?? null, revokedAt: b.revokedAt?.toISOString() ?? null, createdAt: b.createdAt.toISOString() };
}

export function presentWord(w: { id: string; word: string; action: string; createdAt: Date }) {
  return { id: w.id, word: w.word, action: w.action, createdAt: w.createdAt.toISOString() };
}
