import { z } from 'zod';
import { pageQuery } from '../../core/pagination';

export const listAuditQuery = pageQuery.extend({
  /** One person's actions. */
  actorId: z.string().min(1).max(64).optional(),
});
