import { z } from 'zod';
import { pageQuery } from '../../core/pagination';
import { httpUrl, plainLine, requiredPlainText } from '../../core/input-fields';

const text = plainLine;
const id = z.string().min(1).max(64);

/** The cards WeCom shows (lengths are the host's limits). */
export const card = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('textcard'), title: text(128), description: requiredPlainText(512), url: httpUrl(2048), buttonText: text(4).optional() }),
  z.object({
    kind: z.literal('template_card'),
    title: text(36),
    description: text(44).optional(),
    url: httpUrl(2048).optional(),
    pagePath: text(256).optional(),
    source: text(13).optional(),
  }),
  z.object({
    kind: z.literal('miniprogram_notice'),
    title: text(12),
    description: text(12).optional(),
    page: text(256).optional(),
    items: z.array(z.object({ key: text(10), value: text(30) })).max(10).optional(),
    emphasisFirstItem: z.boolean().optional(),
  }),
]);

export const sendBody = z
  .object({
    memberIds: z.array(id).max(10_000).optional(),
    departmentIds: z.array(id).max(100).optional(),
    card,
  })
  .refine((b) => (b.memberIds?.length ?? 0) + (b.departmentIds?.length ?? 0) > 0, { message: 'give memberIds or departmentIds' });

export const messageParams = z.object({ id });
export const listMessagesQuery = pageQuery;
export const recipientsQuery = pageQuery.extend({
  outcome: z.enum(['sent', 'capped_minute', 'capped_hour', 'capped_day', 'invalid_user', 'inactive', 'failed']).optional(),
});
