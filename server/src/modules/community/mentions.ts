/**
 * @mentions: the client inserts "@名字" into the text and sends the colleagues' ids; the ids are
 * checked against the enterprise (another enterprise's id is simply not found) and each mentioned
 * colleague gets an inbox notice once the text is published.
 */
import { errors } from '../../core/errors';
import { notify } from '../tasks/reminders';
import type { Community } from './context';

export async function checkMentions(c: Community, raw: string[] | undefined): Promise<string[]> {
  const ids = [...new Set(raw ?? [])].filter((id) => id !== c.actor.memberId);
  if (ids.length && (await c.db.member.count({ where: { id: { in: ids }, status: 'active' } })) !== ids.length) throw errors.notFound('member');
  return ids;
}

export async function tellMentioned(c: Community, mentionIds: string[], about: { key: string; title: string; link: string }): Promise<void> {
  await notify(c.db, c.actor.tenantId, mentionIds.map((memberId) => ({ memberId, dedupeKey: `mention:${about.key}:${memberId}` })), {
    kind: 'community.mention', title: '有同事在社区中提到了你 / A colleague mentioned you', body: about.title.slice(0, 200), link: about.link,
  });
}

export const postLink = (postId: string) => `/packages/community/pages/post/index?id=${postId}`;
