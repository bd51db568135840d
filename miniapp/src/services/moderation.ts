/** Admin console: the community review queue, penalties, appeals and the enterprise's sensitive words. */
import { http } from './http';
import type { Penalty, People } from './community';
import type { Page } from './types';

export interface ModerationCase {
  id: string;
  kind: 'report' | 'screening' | 'appeal';
  status: 'open' | 'closed';
  targetType: string;
  targetId: string;
  subjectId: string | null;
  reportCount: number;
  summary: string | null;
  appealText: string | null;
  decision: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface CaseDetail {
  case: ModerationCase;
  people: People;
  target: { type: string; id: string; authorId: string | null; status: string | null; text: string; link: string | null } | null;
  penalty: AdminPenalty | null;
  reports: { byReason: Array<{ reason: string; count: number }>; notes: Array<{ reason: string; note: string; createdAt: string }> };
  evidence: Array<{ id: string; event: string; capturedAt: string }>;
}

/** A penalty as the console lists it: the same record a member sees of their own. */
export type AdminPenalty = Penalty;

export interface SensitiveWord {
  id: string;
  word: string;
  action: 'review' | 'refuse';
  createdAt: string;
}

export type Decision = 'hide' | 'restore' | 'delete' | 'dismiss';
export type PenaltyKind = 'warning' | 'restriction' | 'suspension' | 'termination';

export const listCases = (cursor: string | null, filter: { status: 'open' | 'closed'; kind?: string }) =>
  http.get<Page<ModerationCase> & { people: People }>('/api/v1/admin/moderation/cases', { cursor, limit: 30, status: filter.status, kind: filter.kind });
export const getCase = (id: string) => http.get<CaseDetail>(`/api/v1/admin/moderation/cases/${id}`);
export const decide = (id: string, action: Decision, reason: string) => http.post<{ case: ModerationCase }>(`/api/v1/admin/moderation/cases/${id}/decision`, { action, reason });

export const listPenalties = (cursor: string | null, status?: string) =>
  http.get<Page<AdminPenalty> & { people: People }>('/api/v1/admin/moderation/penalties', { cursor, limit: 30, status });
export const imposePenalty = (input: { memberId: string; kind?: PenaltyKind; reason: string; days?: number; caseId?: string }) =>
  http.post<{ penalty: AdminPenalty }>('/api/v1/admin/moderation/penalties', input);
export const revokePenalty = (id: string, reason: string) => http.post<{ penalty: AdminPenalty }>(`/api/v1/admin/moderation/penalties/${id}/revoke`, { reason });

export const listWords = (cursor: string | null, q?: string) => http.get<Page<SensitiveWord> & { total: number }>('/api/v1/admin/moderation/words', { cursor, limit: 50, q: q || undefined });
export const addWord = (word: string, action: 'review' | 'refuse') => http.post<{ word: SensitiveWord }>('/api/v1/admin/moderation/words', { word, action });
export const removeWord = (id: string) => http.del<void>(`/api/v1/admin/moderation/words/${id}`);

export const caseKindWords: Record<string, string> = { report: '举报', screening: '发布审核', appeal: '申诉' };
export const targetWords: Record<string, string> = { question: '问题', answer: '回答', post: '帖子', comment: '评论', kb_comment: '知识库评论', document: '文档', member: '成员', penalty: '处罚' };
export const decisionLabels: Record<Decision, string> = { hide: '隐藏', restore: '恢复', delete: '删除', dismiss: '驳回' };
export const reasonWords: Record<string, string> = {
  spam: '垃圾广告', harassment: '骚扰或人身攻击', fraud: '诈骗', pornography: '色情低俗', violence: '暴力', illegal: '违法违规', privacy: '泄露隐私', classified: '泄露机密', other: '其他',
};
export const penaltyLabels: Record<PenaltyKind, string> = { warning: '警告', restriction: '限制发言', suspension: '暂停账号', termination: '终止使用' };
export const contentStateWords: Record<string, string> = { published: '已发布', held: '待审核', hidden: '已隐藏', deleted: '已删除' };
