/** zod schemas of reports, appeals, the review queue, penalties, IP bans, sensitive words and settings. */
import { z } from 'zod';
import { pageQuery } from '../../core/pagination';
import { TARGET_TYPES } from './targets';
import { LADDER } from './penalties';

const id = z.string().min(1).max(64);
const reason = z.string().trim().min(1).max(500);

export const idParams = z.object({ id });

export const REPORT_REASONS = ['illegal', 'pornography', 'violence', 'harassment', 'spam', 'fraud', 'privacy', 'classified', 'other'] as const;

export const reportBody = z.object({
  targetType: z.enum(TARGET_TYPES),
  targetId: id,
  reason: z.enum(REPORT_REASONS),
  note: z.string().max(500).optional(),
});

export const appealBody = z.object({
  targetType: z.enum(['penalty', ...TARGET_TYPES.filter((t) => t !== 'member')] as [string, ...string[]]),
  targetId: id,
  text: z.string().trim().min(1).max(2000),
});

export const casesQuery = pageQuery.extend({
  status: z.enum(['open', 'closed']).default('open'),
  kind: z.enum(['report', 'screening', 'appeal']).optional(),
});

export const DECISIONS = ['hide', 'restore', 'delete', 'dismiss'] as const;
export const decisionBody = z.object({ action: z.enum(DECISIONS), reason });

export const penaltyBody = z.object({
  memberId: id,
  kind: z.enum(LADDER).optional(),
  reason,
  days: z.number().int().min(1).max(3650).optional(),
  caseId: id.optional(),
});
export const penaltiesQuery = pageQuery.extend({ memberId: id.optional(), status: z.enum(['active', 'expired', 'revoked']).optional() });
export const revokeBody = z.object({ reason });

export const ipBanBody = z.object({
  ip: z.union([z.ipv4(), z.ipv6()]),
  reason,
  days: z.number().int().min(1).max(3650).optional(),
});

export const wordBody = z.object({ word: z.string().trim().min(1).max(100), action: z.enum(['review', 'refuse']).default('review') });
export const wordsQuery = pageQuery.extend({ q: z.string().trim().max(100).optional() });

export const settingsBody = z.object({ linkDomains: z.array(z.string().max(253)).max(200) });

export const evidenceQuery = pageQuery.extend({
  targetType: z.string().max(16).optional(),
  targetId: id.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
