/** What moderation tells a member, in their inbox: always the reason and how to appeal. */
import type { TenantDb } from '../../core/tenancy';
import { notify } from '../tasks/reminders';

export const APPEAL_LINK = '/packages/community/pages/penalties/index';

export async function tellMember(
  db: TenantDb, tenantId: string, memberId: string, key: string,
  notice: { kind: string; title: string; body: string; link?: string | null },
): Promise<void> {
  await notify(db, tenantId, [{ memberId, dedupeKey: `moderation:${key}:${memberId}`.slice(0, 191) }], {
    kind: notice.kind, title: notice.title.slice(0, 200), body: notice.body, link: notice.link ?? APPEAL_LINK,
  });
}

export const appealHint = '如有异议，可在“我的处罚与申诉”中提出申诉 / If you disagree, appeal under “My penalties and appeals”.';
