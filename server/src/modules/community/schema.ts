/** zod schemas of the community API (members) and its admin routes for boards. */
import { z } from 'zod';
import { pageQuery } from '../../core/pagination';

const id = z.string().min(1).max(64);
const mentionIds = z.array(id).max(20).optional();

export const idParams = z.object({ id });

export const listPostsQuery = pageQuery.extend({
  kind: z.enum(['question', 'post']).optional(),
  boardId: id.optional(),
  mine: z.enum(['true', 'false']).default('false'),
  q: z.string().trim().min(1).max(100).optional(),
});

export const createPostBody = z.object({
  kind: z.enum(['question', 'post']),
  boardId: id.optional(),
  title: z.string().min(1).max(300),
  body: z.string().max(20_000).default(''),
  mentionIds,
});

export const createReplyBody = z.object({
  body: z.string().min(1).max(10_000),
  parentId: id.optional(),
  mentionIds,
});

export const acceptBody = z.object({ replyId: id });

export const createBoardBody = z.object({ name: z.string().min(1).max(100), description: z.string().max(500).optional() });

export const colleaguesQuery = z.object({ q: z.string().trim().min(1).max(64) });
