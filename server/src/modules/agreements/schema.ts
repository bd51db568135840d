import { z } from 'zod';
import { pageQuery } from '../../core/pagination';

export const agreementKind = z.enum(['user_agreement', 'privacy_policy']);

export const publishBody = z.object({
  kind: agreementKind,
  version: z.string().trim().min(1).max(32).regex(/^[\w.-]+$/, 'letters, digits, dot, dash, underscore'),
  content: z.string().trim().min(1).max(500_000),
  changeSummary: z.string().trim().min(1).max(10_000),
});

export const listQuery = pageQuery.extend({ kind: agreementKind.optional() });
export const idParams = z.object({ id: z.string().min(1).max(64) });
