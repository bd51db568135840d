import { z } from 'zod';
import { pageQuery } from '../../core/pagination';
import { timeZoneSchema } from '../../core/time-zone';

const text = (max: number) => z.string().trim().min(1).max(max);

/** Direct registration (seed 002 §3.1.2): name, industry, size, admin name and phone. */
export const createTenantBody = z.object({
  name: text(200),
  industry: text(100),
  size: z.enum(['1-50', '51-200', '201-1000', '1001-5000', '5000+']),
  adminName: text(100),
  adminPhone: z.string().regex(/^1\d{10}$/, 'must be a mainland China mobile number (11 digits)'),
  edition: z.enum(['basic', 'pro', 'private']).default('basic'),
  timeZone: timeZoneSchema.optional(),
});

export const tenantParams = z.object({ id: z.string().min(1).max(64) });

export const listTenantsQuery = pageQuery.extend({
  status: z.enum(['active', 'suspended', 'uninstalled', 'cancelled']).optional(),
});

export const updateTenantBody = z
  .object({
    edition: z.enum(['basic', 'pro', 'private']).optional(),
    status: z.enum(['active', 'suspended']).optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.edition !== undefined || b.status !== undefined, { message: 'give edition or status' });
