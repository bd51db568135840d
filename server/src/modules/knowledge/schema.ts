/** zod schemas of the knowledge-base API. */
import { z } from 'zod';
import { pageQuery } from '../../core/pagination';

const id = z.string().min(1).max(64);
export const idParams = z.object({ id });
export const statusQuery = z.object({ status: z.enum(['active', 'archived', 'deleted']).default('active') });

export const createSpaceBody = z.object({ name: z.string().trim().min(1).max(200), description: z.string().max(1000).optional() });
export const updateSpaceBody = z.object({ name: z.string().trim().min(1).max(200).optional(), description: z.string().max(1000).nullable().optional() })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const createNodeBody = z.object({
  kind: z.enum(['folder', 'document']),
  title: z.string().min(1).max(300),
  parentId: id.nullable().optional(),
  body: z.string().max(2_000_000).optional(),
  sortOrder: z.number().int().min(-1_000_000).max(1_000_000).optional(),
});
export const updateNodeBody = z.object({
  title: z.string().min(1).max(300).optional(),
  sortOrder: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  inheritPermissions: z.boolean().optional(),
}).refine((b) => Object.keys(b).length > 0, 'nothing to change');
export const placeBody = z.object({ spaceId: id, parentId: id.nullable().optional(), sortOrder: z.number().int().min(-1_000_000).max(1_000_000).optional() });
export const deleteQuery = z.object({ permanent: z.enum(['true', 'false']).default('false') });

export const saveDocumentBody = z.object({
  title: z.string().min(1).max(300).optional(),
  body: z.string().max(2_000_000),
  baseRevision: z.number().int().min(0).optional(),
});
export const revisionParams = z.object({ id, number: z.coerce.number().int().min(1) });
export const revisionsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), before: z.coerce.number().int().min(1).optional() });

export const grantBody = z.discriminatedUnion('subjectKind', [
  z.object({ subjectKind: z.literal('member'), subjectId: id, role: z.enum(['viewer', 'editor', 'manager']) }),
  z.object({ subjectKind: z.literal('department'), subjectId: id, role: z.enum(['viewer', 'editor', 'manager']) }),
  z.object({ subjectKind: z.literal('enterprise'), role: z.enum(['viewer', 'editor', 'manager']) }),
]);
export const permissionParams = z.object({ id, permissionId: id });

export const commentBody = z.object({ body: z.string().trim().min(1).max(5000), parentId: id.optional() });
export const commentParams = z.object({ id, commentId: id });
export const commentsQuery = pageQuery;
export const viewsQuery = pageQuery;

export const uploadQuery = z.object({ name: z.string().min(1).max(500) });
export const attachmentParams = z.object({ id });

export const searchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  spaceId: id.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const importBody = z.object({ markdown: z.string().max(2_000_000), title: z.string().min(1).max(300).optional(), parentId: id.nullable().optional() });
export const exportBody = z.object({ format: z.enum(['markdown', 'html']).default('markdown') });
export const settingsBody = z.object({ classifiedMarkers: z.array(z.string().trim().min(1).max(50)).max(100) });
