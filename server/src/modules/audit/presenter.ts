/**
 * The admin console's audit log: each entry with its actor and target resolved for display.
 * People come back as { hostUserId, name } for the client's open-data name component (Qixue never
 * stores WeCom people's names); everything else as its current title. Targets are looked up in one
 * query per type for a whole page.
 */
import type { TenantDb } from '../../core/tenancy';
import { nouns, personTargets, phraseOf } from './phrases';

export interface AuditRow {
  id: string; actorType: string; actorId: string | null; action: string; targetType: string | null; targetId: string | null;
  ip: string | null; details: unknown; createdAt: Date;
}

export interface Person {
  id: string;
  hostUserId: string | null;
  name: string | null;
}

type Target = { type: string; id: string; title: string | null; person: Person | null };

const personSelect = { id: true, hostUserId: true, name: true } as const;

/** Current titles of the targets that have one, by type → id → title. */
async function titles(db: TenantDb, byType: Map<string, string[]>): Promise<Map<string, Map<string, string>>> {
  const loaders: Record<string, (ids: string[]) => Promise<Array<{ id: string; title: string }>>> = {
    course: (ids) => db.course.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }),
    exam: (ids) => db.exam.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }),
    task: (ids) => db.trainingTask.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }),
    chapter: (ids) => db.chapter.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }),
    kb_node: (ids) => db.kbNode.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }),
    app_message: (ids) => db.appMessage.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }),
    kb_space: async (ids) => (await db.kbSpace.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((s) => ({ id: s.id, title: s.name })),
    question: async (ids) =>
      (await db.question.findMany({ where: { id: { in: ids } }, select: { id: true, stem: true } })).map((q) => ({ id: q.id, title: q.stem.slice(0, 40) })),
  };
  const out = new Map<string, Map<string, string>>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const load = loaders[type];
      if (!load || !ids.length) return;
      out.set(type, new Map((await load([...new Set(ids)])).map((r) => [r.id, r.title])));
    }),
  );
  return out;
}

export async function presentAuditPage(db: TenantDb, rows: AuditRow[]) {
  const byType = new Map<string, string[]>();
  for (const r of rows) if (r.targetType && r.targetId) byType.set(r.targetType, [...(byType.get(r.targetType) ?? []), r.targetId]);

  // Enrolments name the person enrolled; members are themselves.
  const enrolments = byType.get('enrolment')?.length
    ? await db.enrolment.findMany({ where: { id: { in: byType.get('enrolment')! } }, select: { id: true, memberId: true } })
    : [];
  const enrolled = new Map(enrolments.map((e) => [e.id, e.memberId]));
  const memberIds = new Set<string>();
  for (const r of rows) {
    if (r.actorType === 'member' && r.actorId) memberIds.add(r.actorId);
    if (r.targetType === 'member' && r.targetId) memberIds.add(r.targetId);
    if (r.targetType === 'enrolment' && r.targetId && enrolled.has(r.targetId)) memberIds.add(enrolled.get(r.targetId)!);
  }
  const [people, titled] = await Promise.all([
    memberIds.size ? db.member.findMany({ where: { id: { in: [...memberIds] } }, select: personSelect }) : Promise.resolve([]),
    titles(db, byType),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));

  return rows.map((r) => {
    let target: Target | null = null;
    if (r.targetType && r.targetId) {
      const personId = r.targetType === 'enrolment' ? enrolled.get(r.targetId) : r.targetType === 'member' ? r.targetId : undefined;
      target = {
        type: r.targetType,
        id: r.targetId,
        title: titled.get(r.targetType)?.get(r.targetId) ?? null,
        person: personTargets.has(r.targetType) && personId ? (person.get(personId) ?? null) : null,
      };
    }
    return {
      id: r.id,
      action: r.action,
      actorType: r.actorType,
      actor: r.actorType === 'member' && r.actorId ? (person.get(r.actorId) ?? null) : null,
      // Words with a `{target}` slot; a target without a title any more reads as "已删除的课程".
      phrase: phraseOf(r.action, r.targetType, r.details),
      target,
      targetLabel: target && !target.person ? (target.title ?? `已删除的${nouns[target.type] ?? '内容'}`) : null,
      ip: r.ip,
      createdAt: r.createdAt.toISOString(),
    };
  });
}
