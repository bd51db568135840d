import { z } from 'zod';
import { pageQuery } from '../../core/pagination';

export const memberParams = z.object({ id: z.string().min(1).max(64) });
export const listMembersQuery = pageQuery.extend({
  status: z.enum(['active', 'left', 'frozen', 'cancelled']).optional(),
  role: z.enum(['member', 'admin']).optional(),
  departmentId: z.string().max(64).optional(),
  /** A name, or part of one (directly registered people by their name; WeCom people through the host). */
  q: z.string().trim().min(1).max(64).optional(),
});
export const changeRoleBody = z.object({ role: z.enum(['member', 'admin']) });
