import { z } from 'zod';
import { pageQuery } from '../../core/pagination';
import { httpUrl, plainLine, plainText, richText, timestamp } from '../../core/input-fields';

export const idParams = z.object({ id: z.string().min(1).max(64) });

export const categoryBody = z.object({ name: plainLine(100), sortOrder: z.number().int().min(0).max(1_000_000).optional() });

const courseFields = {
  title: plainLine(200),
  description: plainText(20_000).nullish(),
  categoryId: z.string().max(32).nullish(),
  creditHours: z.number().min(0).max(1000),
  required: z.boolean(),
  validityDays: z.number().int().min(1).max(3650),
  examId: z.string().max(32).nullish(),
};
export const createCourseBody = z.object({
  ...courseFields,
  creditHours: courseFields.creditHours.default(0),
  required: courseFields.required.default(false),
  validityDays: courseFields.validityDays.default(90),
});
export const updateCourseBody = z.object(courseFields).partial().refine((b) => Object.keys(b).length > 0, 'nothing to update');

export const listCoursesQuery = pageQuery.extend({
  categoryId: z.string().max(32).optional(),
  status: z.enum(['draft', 'published', 'unpublished']).optional(),
  required: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

const chapterFields = {
  title: plainLine(200),
  kind: z.enum(['video', 'document', 'article', 'knowledge']),
  sortOrder: z.number().int().min(0).max(1_000_000),
  durationSec: z.number().int().min(1).max(24 * 3600).nullish(),
  minReadSec: z.number().int().min(0).max(24 * 3600).nullish(),
  mediaUrl: httpUrl(1000).nullish(),
  body: richText(1_000_000).nullish(),
  knowledgeDocId: z.string().max(32).nullish(),
};
export const createChapterBody = z
  .object({ ...chapterFields, sortOrder: chapterFields.sortOrder.optional() })
  .superRefine((c, ctx) => {
    if (c.kind === 'video' && !c.durationSec) ctx.addIssue({ code: 'custom', path: ['durationSec'], message: 'a video chapter needs its duration' });
    if (c.kind === 'knowledge' && !c.knowledgeDocId) ctx.addIssue({ code: 'custom', path: ['knowledgeDocId'], message: 'a knowledge chapter names a document' });
    if (c.kind === 'article' && !c.body) ctx.addIssue({ code: 'custom', path: ['body'], message: 'an article chapter needs a body' });
  });
export const updateChapterBody = z.object(chapterFields).partial().refine((b) => Object.keys(b).length > 0, 'nothing to update');

export const chapterOrderBody = z.object({ chapterIds: z.array(z.string().min(1).max(32)).min(1).max(500) });

export const enrolBody = z.object({ memberIds: z.array(z.string().min(1).max(32)).min(1).max(1000) });
export const updateEnrolmentBody = z.object({ expiresAt: timestamp });
