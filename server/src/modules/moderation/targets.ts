/**
 * What can be reported and moderated, and how each kind is read and changed: questions and posts
 * (CommunityPost), answers and comments (CommunityReply), knowledge-base comments and documents,
 * and members. A member may report only what they can see; moderators see everything.
 */
import type { Actor } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { loadAccess } from '../knowledge';

export const TARGET_TYPES = ['question', 'answer', 'post', 'comment', 'kb_comment', 'document', 'member'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];
export type ContentState = 'published' | 'held' | 'hidden' | 'deleted';

export interface Target {
  type: TargetType;
  id: string;
  authorId: string | null;
  authorIp: string | null;
  /** The text as evidence: title and body of content, nothing for a member. */
  text: string;
  status: ContentState | null;
  /** Where a member opens it in the mini-program. */
  link: string | null;
}

const postLink = (id: string) => `/packages/community/pages/post/index?id=${id}`;

async function loadRaw(db: TenantDb, type: TargetType, id: string): Promise<(Target & { aclPath?: string }) | null> {
  switch (type) {
    case 'question':
    case 'post': {
      const p = await db.communityPost.findFirst({ where: { id, kind: type }, select: { authorId: true, authorIp: true, title: true, body: true, status: true } });
      return p && { type, id, authorId: p.authorId, authorIp: p.authorIp, text: `${p.title}\n${p.body}`, status: p.status, link: postLink(id) };
    }
    case 'answer':
    case 'comment': {
      const r = await db.communityReply.findFirst({ where: { id }, select: { postId: true, authorId: true, authorIp: true, body: true, status: true } });
      if (!r) return null;
      const post = await db.communityPost.findFirst({ where: { id: r.postId }, select: { kind: true, status: true } });
      if (!post || (post.kind === 'question') !== (type === 'answer')) return null;
      return { type, id, authorId: r.authorId, authorIp: r.authorIp, text: r.body, status: r.status, link: postLink(r.postId) };
    }
    case 'kb_comment': {
      const c = await db.kbComment.findFirst({ where: { id }, select: { nodeId: true, authorId: true, body: true, status: true, deletedAt: true } });
      if (!c) return null;
      const node = await db.kbNode.findFirst({ where: { id: c.nodeId }, select: { aclPath: true } });
      return node && { type, id, authorId: c.authorId, authorIp: null, text: c.body, status: c.deletedAt && c.status === 'published' ? 'deleted' : c.status, link: `/packages/knowledge/pages/doc/index?id=${c.nodeId}`, aclPath: node.aclPath };
    }
    case 'document': {
      const n = await db.kbNode.findFirst({ where: { id, kind: 'document' }, select: { title: true, createdById: true, status: true, aclPath: true } });
      if (!n) return null;
      const status: ContentState = n.status === 'active' ? 'published' : n.status === 'archived' ? 'hidden' : 'deleted';
      return { type, id, authorId: n.createdById, authorIp: null, text: n.title, status, link: `/packages/knowledge/pages/doc/index?id=${id}`, aclPath: n.aclPath };
    }
    case 'member': {
      const m = await db.member.findFirst({ where: { id }, select: { id: true } });
      return m && { type, id, authorId: id, authorIp: null, text: '', status: null, link: null };
    }
  }
}

/** The target as a moderator sees it (any state), or null when this enterprise has no such thing. */
export async function loadTarget(db: TenantDb, type: TargetType, id: string): Promise<Target | null> {
  const raw = await loadRaw(db, type, id);
  if (!raw) return null;
  const { aclPath: _acl, ...target } = raw;
  return target;
}

/** The target if this member can see it (published, or their own), else null → 404. */
export async function loadVisibleTarget(db: TenantDb, actor: Actor, type: TargetType, id: string): Promise<Target | null> {
  const raw = await loadRaw(db, type, id);
  if (!raw) return null;
  if (raw.status && raw.status !== 'published' && raw.authorId !== actor.memberId) return null;
  if (raw.aclPath !== undefined && !(await loadAccess(db, actor)).roleOn({ aclPath: raw.aclPath })) return null;
  const { aclPath: _acl, ...target } = raw;
  return target;
}

/** Puts content into a moderation state (members have no state: their penalties are separate). */
export async function setTargetState(db: TenantDb, target: Target, state: ContentState, now = new Date()): Promise<void> {
  const deletedAt = state === 'deleted' ? now : null;
  switch (target.type) {
    case 'question':
    case 'post':
      await db.communityPost.update({ where: { id: target.id }, data: { status: state, deletedAt }, select: { id: true } });
      return;
    case 'answer':
    case 'comment':
      await db.communityReply.update({ where: { id: target.id }, data: { status: state, deletedAt }, select: { id: true } });
      return;
    case 'kb_comment':
      // The text stays in the row (and in the evidence): soft delete only.
      await db.kbComment.update({ where: { id: target.id }, data: { status: state, deletedAt }, select: { id: true } });
      return;
    case 'document':
      await db.kbNode.update({ where: { id: target.id }, data: { status: state === 'published' ? 'active' : 'archived', archivedAt: state === 'published' ? null : now }, select: { id: true } });
      return;
    case 'member':
      return;
  }
}
