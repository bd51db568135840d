/**
 * Writes to the question bank. A question's tags are kept twice: Question.tags, the list as its
 * author ordered it (shown and exported), and QuestionTag rows, which filtering reads — a key
 * lookup in the database, before paging. Every write here changes both at once.
 */
import { randomBytes } from 'node:crypto';
import type { TenantDb } from '../../core/tenancy';
import { Prisma } from '../../db/generated/mysql/client';
import { examErrors } from './errors';
import { questionSelect, type QuestionRow } from './presenter';
import { questionProblem, type QuestionInput, type QuestionChanges } from './schema';

/** A list may name a tag twice; the rows hold it once. */
const rowsOf = (tags: string[]) => [...new Set(tags)].map((tag) => ({ tag }));

export function createQuestion(db: TenantDb, tenantId: string, input: QuestionInput) {
  return db.question.create({
    data: { ...input, tenantId, questionTags: { createMany: { data: rowsOf(input.tags) } } },
    select: questionSelect,
  });
}

/** The changes applied to `before` must still make a whole question (type, options and key agree). */
export function updateQuestion(db: TenantDb, before: QuestionRow, changes: QuestionChanges) {
  const type = changes.type ?? before.type;
  const choice = type === 'single' || type === 'multiple';
  const options = choice ? (changes.options !== undefined ? changes.options : (before.options as { key: string; text: string }[] | null)) : null;
  const answer = changes.answer ?? (before.answer as (string | boolean)[]);
  const problem = questionProblem({ type, options: options ?? undefined, answer });
  if (problem) throw examErrors.questionInvalid(problem.path, problem.message);
  const { options: _given, ...rest } = changes;
  return db.question.update({
    where: { id: before.id },
    data: {
      ...rest,
      // Options belong to choice questions only; Prisma writes a JSON null as DbNull.
      ...((changes.options !== undefined || changes.type !== undefined) && { options: options ?? Prisma.DbNull }),
      ...(changes.tags && { questionTags: { deleteMany: {}, createMany: { data: rowsOf(changes.tags) } } }),
    },
    select: questionSelect,
  });
}

/** All rows or none: the questions and their tag rows in one transaction. */
export async function importQuestions(db: TenantDb, tenantId: string, questions: QuestionInput[]): Promise<void> {
  const ids = importIds(questions.length);
  await db.$transaction([
    db.question.createMany({ data: questions.map((q, i) => ({ ...q, id: ids[i], tenantId, options: q.options ?? undefined })) }),
    db.questionTag.createMany({ data: questions.flatMap((q, i) => rowsOf(q.tags).map((row) => ({ ...row, tenantId, questionId: ids[i] }))) }),
  ]);
}

/**
 * The tag rows need the questions' ids before the insert. Like Prisma's cuids they start with the
 * time, so the bank stays in creation order (pages are ordered by id); the suffix keeps file order.
 */
function importIds(count: number): string[] {
  const prefix = `c${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
  return Array.from({ length: count }, (_, i) => prefix + i.toString(36).padStart(4, '0'));
}
