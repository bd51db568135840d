/**
 * What members see of questions, posts and replies: explicit fields, never the Prisma row. The
 * text of hidden and held content is shown to its author only (with the reason), deleted content
 * never; authors are ids that the client shows by name (open-data / directory names).
 */
import type { Actor } from '../../core/context';

export const postSelect = {
  id: true, kind: true, boardId: true, authorId: true, title: true, body: true, mentionIds: true, status: true, heldReason: true,
  acceptedAnswerId: true, replyCount: true, likeCount: true, createdAt: true, updatedAt: true,
} as const;

export const replySelect = {
  id: true, postId: true, parentId: true, authorId: true, body: true, mentionIds: true, status: true, heldReason: true, likeCount: true, createdAt: true,
} as const;

type Status = 'published' | 'held' | 'hidden' | 'deleted';
const ids = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const showsText = (status: Status, authorId: string, actor: Actor) => status === 'published' || (status !== 'deleted' && authorId === actor.memberId);

export function presentPost(
  p: { id: string; kind: string; boardId: string | null; authorId: string; title: string; body: string; mentionIds: unknown; status: Status; heldReason: string | null;
    acceptedAnswerId: string | null; replyCount: number; likeCount: number; createdAt: Date; updatedAt: Date },
  actor: Actor,
  extra: { liked?: boolean; following?: boolean } = {},
) {
  const visible = showsText(p.status, p.authorId, actor);
  return {
    id: p.id, kind: p.kind, boardId: p.boardId, authorId: p.authorId, title: visible ? p.title : '', body: visible ? p.body : '',
    mentionIds: ids(p.mentionIds), status: p.status, heldReason: p.authorId === actor.memberId ? p.heldReason : null,
    acceptedAnswerId: p.acceptedAnswerId, replyCount: p.replyCount, likeCount: p.likeCount,
    mine: p.authorId === actor.memberId, ...extra,
    createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
  };
}

export function presentReply(
  r: { id: string; postId: string; parentId: string | null; authorId: string; body: string; mentionIds: unknown; status: Status; heldReason: string | null; likeCount: number; createdAt: Date },
  actor: Actor,
  extra: { liked?: boolean; accepted?: boolean } = {},
) {
  const visible = showsText(r.status, r.authorId, actor);
  return {
    id: r.id, postId: r.postId, parentId: r.parentId, authorId: r.authorId, body: visible ? r.body : '', mentionIds: ids(r.mentionIds),
    status: r.status, heldReason: r.authorId === actor.memberId ? r.heldReason : null, likeCount: r.likeCount,
    mine: r.authorId === actor.memberId, ...extra, createdAt: r.createdAt.toISOString(),
  };
}
