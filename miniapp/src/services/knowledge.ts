/** Knowledge bases: spaces, the folder/document tree, documents (with watermark), search. */
import { http } from './http';
import type { KnowledgeDocument, KnowledgeNode, Page, SearchHit, Space } from './types';

const one = <T>(items: T[]): Page<T> => ({ items, nextCursor: null });

/** Spaces I can read (the server answers them all at once). */
export const listSpaces = () => http.get<{ items: Space[] }>('/api/v1/spaces').then((r) => one(r.items));
export const spaceTree = (spaceId: string) =>
  http.get<{ space: Space; items: KnowledgeNode[] }>(`/api/v1/spaces/${spaceId}/tree`);

interface DocAnswer {
  document: KnowledgeDocument & { updatedAt?: string };
  watermark?: { memberId: string; name?: string | null; hostUserId: string | null; time: string } | null;
}
export const getDocument = (id: string) =>
  http.get<DocAnswer>(`/api/v1/docs/${id}`).then(({ document, watermark }) => ({
    ...document,
    watermark: watermark ? { name: watermark.name ?? null, hostUserId: watermark.hostUserId, at: watermark.time } : null,
  }));

/** Ranked hits with `<mark>` highlights (the server escapes everything else). */
export const search = (q: string) =>
  http.get<{ items: Array<SearchHit & { titleHighlight?: string; spaceName?: string }> }>('/api/v1/search', { q, limit: 50 }).then((r) => one(r.items));

export const createSpace = (body: { name: string; description?: string }) => http.post<{ space: Space }>('/api/v1/spaces', body);
export const createDocument = (spaceId: string, body: { title: string; body: string; parentId?: string | null }) =>
  http.post<{ node: KnowledgeNode }>(`/api/v1/spaces/${spaceId}/nodes`, { kind: 'document', ...body });
export const grantSpace = (spaceId: string, body: { subjectKind: 'member' | 'department' | 'enterprise'; subjectId?: string; role: string }) =>
  http.post(`/api/v1/spaces/${spaceId}/permissions`, body);

export const updateSpace = (id: string, body: { name?: string; description?: string | null }) => http.patch<{ space: Space }>(`/api/v1/spaces/${id}`, body);
export const archiveSpace = (id: string) => http.post<{ space: Space }>(`/api/v1/spaces/${id}/archive`);
export const restoreSpace = (id: string) => http.post<{ space: Space }>(`/api/v1/spaces/${id}/restore`);
export const listSpacesByStatus = (status: 'active' | 'archived') => http.get<{ items: Space[] }>('/api/v1/spaces', { status }).then((r) => one(r.items));
export const spaceTreeByStatus = (spaceId: string, status: 'active' | 'archived') =>
  http.get<{ space: Space; items: KnowledgeNode[] }>(`/api/v1/spaces/${spaceId}/tree`, { status });
export const createFolder = (spaceId: string, body: { title: string; parentId?: string | null }) =>
  http.post<{ node: KnowledgeNode }>(`/api/v1/spaces/${spaceId}/nodes`, { kind: 'folder', ...body });
export const renameNode = (id: string, title: string) => http.patch<{ node: KnowledgeNode }>(`/api/v1/nodes/${id}`, { title });
export const moveNode = (id: string, spaceId: string, parentId: string | null) => http.post<{ node: KnowledgeNode }>(`/api/v1/nodes/${id}/move`, { spaceId, parentId });
export const archiveNode = (id: string) => http.post(`/api/v1/nodes/${id}/archive`);
export const restoreNode = (id: string) => http.post(`/api/v1/nodes/${id}/restore`);
/** Saves a new revision; `baseRevision` makes a concurrent edit answer 409 edit_conflict instead of overwriting it. */
export const saveDocument = (id: string, body: { title?: string; body: string; baseRevision?: number }) =>
  http.put<{ document: KnowledgeDocument }>(`/api/v1/docs/${id}`, body).then((r) => r.document);
