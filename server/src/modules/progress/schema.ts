import { z } from 'zod';
import { pageQuery } from '../../core/pagination';

export const idParams = z.object({ id: z.string().min(1).max(64) });
export const startSessionBody = z.object({ courseId: z.string().min(1).max(32) });
export const heartbeatBody = z.object({
  chapterId: z.string().min(1).max(32),
  position: z.number().min(0).max(24 * 3600),
  state: z.enum(['playing', 'paused']),
  /** Increases with every heartbeat of a session; a repeated value is an idempotent replay. */
  clientSeq: z.number().int().min(1).max(2 ** 31 - 1),
});
export const suspiciousQuery = pageQuery.extend({
  memberId: z.string().max(32).optional(),
  kind: z.enum(['seek_ahead', 'impossible_speed', 'parallel_session', 'switch_away']).optional(),
});
