/** What admins see of app messages and of each recipient's outcome. */
export const messageSelect = {
  id: true, kind: true, title: true, payload: true, source: true, createdById: true, recipientCount: true, sentCount: true, createdAt: true,
} as const;

export function presentMessage(m: {
  id: string; kind: string; title: string; payload: unknown; source: string; createdById: string | null; recipientCount: number; sentCount: number; createdAt: Date;
}) {
  return {
    id: m.id,
    kind: m.kind,
    title: m.title,
    card: m.payload,
    source: m.source,
    createdById: m.createdById,
    recipientCount: m.recipientCount,
    sentCount: m.sentCount,
    createdAt: m.createdAt.toISOString(),
  };
}

export const recipientSelect = { id: true, memberId: true, outcome: true, errcode: true, createdAt: true } as const;

/** `person` carries what the client needs to show the recipient's name (host id, or own name). */
export function presentRecipient(
  r: { id: string; memberId: string; outcome: string; errcode: number | null; createdAt: Date },
  person: { hostUserId: string | null; name: string | null } | undefined,
) {
  return {
    id: r.id, memberId: r.memberId, hostUserId: person?.hostUserId ?? null, name: person?.name ?? null,
    outcome: r.outcome, errcode: r.errcode, createdAt: r.createdAt.toISOString(),
  };
}
