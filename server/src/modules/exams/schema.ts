import { z } from 'zod';
import { pageQuery } from '../../core/pagination';
import { plainLine, plainText, requiredPlainText, timestamp } from '../../core/input-fields';

export const idParams = z.object({ id: z.string().min(1).max(64) });
export const disqualifyBody = z.object({ reason: z.string().trim().min(1).max(500) });

/** A question's tags; 50 characters is also the longest a QuestionTag row holds. */
export const questionTags = z.array(z.string().trim().min(1).max(50)).max(20);

const option = z.object({ key: z.string().regex(/^[A-H]$/), text: requiredPlainText(1000) });

/** A question as an admin writes it; the key's shape depends on the type. */
export const questionBody = z
  .object({
    type: z.enum(['single', 'multiple', 'true_false', 'fill']),
    stem: requiredPlainText(5000),
    options: z.array(option).min(2).max(8).optional(),
    answer: z.array(z.union([z.string().trim().min(1).max(500), z.boolean()])).min(1).max(20),
    explanation: plainText(5000).nullish(),
    tags: questionTags.default([]),
    difficulty: z.number().int().min(1).max(5).default(1),
  })
  .superRefine((q, ctx) => {
    const problem = questionProblem(q);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
  });
export type QuestionInput = z.infer<typeof questionBody>;

export function questionProblem(q: { type: string; options?: { key: string }[]; answer: (string | boolean)[] }): { path: string; message: string } | null {
  const keys = new Set((q.options ?? []).map((o) => o.key));
  if (q.type === 'single' || q.type === 'multiple') {
    if (keys.size < 2) return { path: 'options', message: 'a choice question needs at least two options' };
    if (keys.size !== (q.options ?? []).length) return { path: 'options', message: 'option keys must be unique' };
    if (!q.answer.every((a) => typeof a === 'string' && keys.has(a))) return { path: 'answer', message: 'the answer must name options' };
    if (q.type === 'single' && q.answer.length !== 1) return { path: 'answer', message: 'a single-choice question has one answer' };
    if (new Set(q.answer).size !== q.answer.length) return { path: 'answer', message: 'repeated answer' };
  } else if (q.type === 'true_false') {
    if (q.answer.length !== 1 || typeof q.answer[0] !== 'boolean') return { path: 'answer', message: 'true/false answers are [true] or [false]' };
  } else if (!q.answer.every((a) => typeof a === 'string')) {
    return { path: 'answer', message: 'fill-in answers are the accepted texts' };
  }
  return null;
}

/** Any field of a question, the key and type included; the merged result is checked with questionProblem. */
export const updateQuestionBody = z
  .object({
    type: z.enum(['single', 'multiple', 'true_false', 'fill']),
    options: z.array(option).min(2).max(8).nullable(),
    answer: z.array(z.union([z.string().trim().min(1).max(500), z.boolean()])).min(1).max(20),
    stem: requiredPlainText(5000),
    explanation: plainText(5000).nullish(),
    tags: questionTags,
    difficulty: z.number().int().min(1).max(5),
    archived: z.boolean(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to update');
export type QuestionChanges = z.infer<typeof updateQuestionBody>;

export const listQuestionsQuery = pageQuery.extend({
  type: z.enum(['single', 'multiple', 'true_false', 'fill']).optional(),
  difficulty: z.coerce.number().int().min(1).max(5).optional(),
  tag: z.string().max(50).optional(),
  // Deleted questions stay archived (papers and past attempts name them); the bank lists the others.
  archived: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

const rule = z.object({
  tag: z.string().max(50).optional(),
  difficulty: z.number().int().min(1).max(5).optional(),
  type: z.enum(['single', 'multiple', 'true_false', 'fill']).optional(),
  count: z.number().int().min(1).max(200),
  score: z.number().positive().max(100),
});

const examFields = {
  title: plainLine(200),
  courseId: z.string().max(32).nullish(),
  mode: z.enum(['fixed', 'random']),
  rules: z.array(rule).min(1).max(50).nullish(),
  timeLimitSec: z.number().int().min(10).max(24 * 3600),
  maxAttempts: z.number().int().min(1).max(100),
  passScore: z.number().min(0).max(10_000),
  resultVisibility: z.enum(['hidden', 'score', 'full']),
  maxSwitchAways: z.number().int().min(0).max(1000).nullish(),
  opensAt: timestamp.nullish(),
  closesAt: timestamp.nullish(),
  shuffleQuestions: z.boolean(),
};
const windowOrdered = (e: { opensAt?: Date | null; closesAt?: Date | null }) => !e.opensAt || !e.closesAt || e.closesAt > e.opensAt;
export const createExamBody = z
  .object({ ...examFields, shuffleQuestions: examFields.shuffleQuestions.default(false), mode: examFields.mode.default('fixed'), timeLimitSec: examFields.timeLimitSec.default(3600), maxAttempts: examFields.maxAttempts.default(1), passScore: examFields.passScore.default(60), resultVisibility: examFields.resultVisibility.default('score') })
  .refine((e) => e.mode !== 'random' || (e.rules && e.rules.length > 0), { path: ['rules'], message: 'a random paper needs rules' })
  .refine(windowOrdered, { path: ['closesAt'], message: 'the exam must close after it opens' });
export const updateExamBody = z
  .object(examFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to update')
  .refine(windowOrdered, { path: ['closesAt'], message: 'the exam must close after it opens' });

export const paperBody = z.object({
  questions: z.array(z.object({ questionId: z.string().min(1).max(32), score: z.number().positive().max(100) })).min(1).max(500),
});

export const answersBody = z.object({
  answers: z
    .array(z.object({ questionId: z.string().min(1).max(32), answer: z.union([z.string().max(2000), z.boolean(), z.array(z.string().max(20)).max(8)]) }))
    .min(1)
    .max(500),
});
