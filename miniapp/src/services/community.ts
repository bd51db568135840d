/** 社区: questions and answers, posts in boards with comments, likes, follows, @mentions, 举报, my penalties and appeals. */
import { http } from './http';
import type { Page } from './types';

export type PostKind = 'question' | 'post';
export type ContentStatus = 'published' | 'held' | 'hidden' | 'deleted';

/** A colleague as the open-data name component draws them. */
export interface Person {
  hostUserId: string | null;
  name: string | null;
}
export type People = Record<string, Person>;

export interface Post {
  id: string;
  kind: PostKind;
  boardId: string | null;
  authorId: string;
  title: string;
  body: string;
  mentionIds: string[];
  status: ContentStatus;
  heldReason: string | null;
  acceptedAnswerId: string | null;
  replyCount: number;
  likeCount: number;
  mine: boolean;
  liked?: boolean;
  following?: boolean;
  createdAt: string;
}

export interface Reply {
  id: string;
  postId: string;
  parentId: string | null;
  authorId: string;
  body: string;
  mentionIds: string[];
  status: ContentStatus;
  heldReason: string | null;
  likeCount: number;
  mine: boolean;
  liked?: boolean;
  accepted?: boolean;
  createdAt: string;
}

export interface Board {
  id: string;
  name: string;
  description: string | null;
}

export interface Colleague extends Person {
  id: string;
}

export interface Penalty {
  id: string;
  memberId: string;
  kind: string;
  status: string;
  reason: string;
  startsAt: string;
  endsAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export interface OwnAppeal {
  id: string;
  status: string;
  targetType: string;
  targetId: string;
  text: string | null;
  decision: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export type PostPage = Page<Post> & { people: People };

export const listBoards = () => http.get<{ items: Board[] }>('/api/v1/community/boards');
export const listPosts = (cursor: string | null, filter: { kind?: PostKind; boardId?: string; mine?: boolean; q?: string }) =>
  http.get<PostPage>('/api/v1/community/posts', { cursor, limit: 20, kind: filter.kind, boardId: filter.boardId, mine: filter.mine ? 'true' : undefined, q: filter.q || undefined });
export const getPost = (id: string) => http.get<{ post: Post; replies: Reply[]; people: People }>(`/api/v1/community/posts/${id}`);
export const createPost = (input: { kind: PostKind; boardId?: string; title: string; body: string; mentionIds: string[] }) =>
  http.post<{ post: Post }>('/api/v1/community/posts', input);
export const deletePost = (id: string) => http.del<void>(`/api/v1/community/posts/${id}`);
export const createReply = (postId: string, input: { body: string; parentId?: string; mentionIds: string[] }) =>
  http.post<{ reply: Reply }>(`/api/v1/community/posts/${postId}/replies`, input);
export const deleteReply = (id: string) => http.del<void>(`/api/v1/community/replies/${id}`);
export const acceptAnswer = (postId: string, replyId: string) => http.put<{ post: Post }>(`/api/v1/community/posts/${postId}/accepted-answer`, { replyId });
export const setLike = (type: 'posts' | 'replies', id: string, on: boolean) =>
  on ? http.put<unknown>(`/api/v1/community/${type}/${id}/like`) : http.del<unknown>(`/api/v1/community/${type}/${id}/like`);
export const setFollow = (id: string, on: boolean) => (on ? http.put<unknown>(`/api/v1/community/posts/${id}/follow`) : http.del<unknown>(`/api/v1/community/posts/${id}/follow`));
export const findColleagues = (q: string) => http.get<{ items: Colleague[] }>('/api/v1/community/colleagues', { q });

export type ReportTarget = 'question' | 'answer' | 'post' | 'comment' | 'member';
export const report = (input: { targetType: ReportTarget; targetId: string; reason: string; note?: string }) => http.post<{ reported: true }>('/api/v1/community/reports', input);

export const myPenalties = () => http.get<{ items: Penalty[] }>('/api/v1/community/penalties');
export const myAppeals = () => http.get<{ items: OwnAppeal[] }>('/api/v1/community/appeals');
export const appeal = (input: { targetType: string; targetId: string; text: string }) => http.post<{ appeal: OwnAppeal }>('/api/v1/community/appeals', input);

/** 举报 reasons, in the order people look for them. */
export const reportReasons: Array<[string, string]> = [
  ['spam', '垃圾广告'],
  ['harassment', '骚扰或人身攻击'],
  ['fraud', '诈骗'],
  ['pornography', '色情低俗'],
  ['violence', '暴力'],
  ['illegal', '违法违规'],
  ['privacy', '泄露他人隐私'],
  ['classified', '泄露公司机密'],
  ['other', '其他'],
];

export const penaltyWords: Record<string, string> = { warning: '警告', restriction: '限制发言', suspension: '暂停账号', termination: '终止使用' };
export const penaltyStatusWords: Record<string, string> = { active: '生效中', expired: '已到期', revoked: '已撤销' };
export const statusWords: Record<ContentStatus, string> = { published: '已发布', held: '待审核', hidden: '已被隐藏', deleted: '已删除' };
export const decisionWords: Record<string, string> = { hide: '维持隐藏', restore: '已恢复', delete: '已删除', dismiss: '不予处理' };
