import { z } from 'zod';
import { pageQuery } from '../../core/pagination';

export const listDepartmentsQuery = pageQuery.extend({
  /** Direct children of this department ("root" for the top level). */
  parentId: z.string().min(1).max(64).optional(),
  /** Every department below this one (its subtree, without itself). */
  under: z.string().min(1).max(64).optional(),
});
export const departmentParams = z.object({ id: z.string().min(1).max(64) });
