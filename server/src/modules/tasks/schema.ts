import { z } from 'zod';
import { pageQuery } from '../../core/pagination';
import { plainLine, plainText, timestamp } from '../../core/input-fields';

export const idParams = z.object({ id: z.string().min(1).max(64) });
export const docParams = z.object({ id: z.string().min(1).max(64), documentId: z.string().min(1).max(32) });

const item = z.object({ kind: z.enum(['course', 'exam', 'document']), refId: z.string().min(1).max(32) });
const target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('enterprise') }),
  z.object({ kind: z.literal('department'), refId: z.string().min(1).max(32) }),
  z.object({ kind: z.literal('member'), refId: z.string().min(1).max(32) }),
]);

export const createTaskBody = z
  .object({
    title: plainLine(200),
    description: plainText(20_000).nullish(),
    required: z.boolean().default(true),
    startsAt: timestamp,
    dueAt: timestamp,
    remindDaysBefore: z.number().int().min(0).max(90).default(3),
    items: z.array(item).min(1).max(100),
    targets: z.array(target).min(1).max(500),
  })
  .refine((t) => t.dueAt > t.startsAt, { path: ['dueAt'], message: 'the due date must be after the start' });

export const updateTaskBody = z
  .object({
    title: plainLine(200),
    description: plainText(20_000).nullish(),
    required: z.boolean(),
    dueAt: timestamp,
    remindDaysBefore: z.number().int().min(0).max(90),
    // The audience, replaced whole: assignees are computed from it when asked (assignees.ts).
    targets: z.array(target).min(1).max(500),
    // The contents, replaced whole and in this order: items kept keep what people did of them.
    items: z.array(item).min(1).max(100),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to update')
  .refine((b) => !b.items || new Set(b.items.map((i) => `${i.kind}:${i.refId}`)).size === b.items.length, { path: ['items'], message: 'an item appears twice' });

export const assigneesQuery = pageQuery.extend({ status: z.enum(['completed', 'overdue', 'in_progress', 'not_started']).optional() });
export type TargetInput = z.infer<typeof target>;
export type ItemInput = z.infer<typeof item>;
