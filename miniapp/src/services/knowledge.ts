/** Knowledge bases: spaces, the folder/document tree, documents, search. */
import { http } from './http';
import type { KnowledgeDocument, KnowledgeNode, Page, SearchHit, Space } from './types';

const base = '/api/v1/knowledge';

export const listSpaces = (cursor?: string | null) => http.get<Page<Space>>(`${base}/spaces`, { cursor, limit: 20 });
export const getSpace = (id: string) => http.get<{ space: Space }>(`${base}/spaces/${id}`).then((r) => r.space);
export const spaceTree = (spaceId: string) =>
  http.get<{ items: KnowledgeNode[] }>(`${base}/spaces/${spaceId}/tree`).then((r) => r.items);
export const getDocument = (id: string) =>
  http.get<{ document: KnowledgeDocument }>(`${base}/documents/${id}`).then((r) => r.document);
export const search = (q: string, cursor?: string | null) =>
  http.get<Page<SearchHit>>(`${base}/search`, { q, cursor, limit: 20 });

export const createSpace = (body: { name: string; description?: string }) => http.post<{ space: Space }>(`${base}/spaces`, body);
export const createDocument = (spaceId: string, body: { title: string; body: string; parentId?: string | null }) =>
  http.post<{ document: KnowledgeDocument }>(`${base}/spaces/${spaceId}/documents`, body);
export const grantSpace = (spaceId: string, body: { subjectKind: 'member' | 'department' | 'tenant'; subjectId?: string; role: string }) =>
  http.post(`${base}/spaces/${spaceId}/permissions`, body);
