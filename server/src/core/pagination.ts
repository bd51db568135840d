/** Cursor pagination: `?cursor=<id>&limit=<n>` → { items, nextCursor }. Ordered by id. */
import { z } from 'zod';

export const pageQuery = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** Prisma args for one page, oldest or newest first: one extra row tells whether another page exists. */
export function pageArgs(page: PageQuery, order: 'asc' | 'desc' = 'asc') {
  return {
    take: page.limit + 1,
    orderBy: { id: order },
    ...(page.cursor && { cursor: { id: page.cursor }, skip: 1 }),
  };
}

export function toPage<T extends { id: string }, P>(rows: T[], page: PageQuery, present: (row: T) => P) {
  const more = rows.length > page.limit;
  const items = more ? rows.slice(0, page.limit) : rows;
  return { items: items.map(present), nextCursor: more ? items[items.length - 1].id : null };
}
