/** My learning record: hours against the annual requirement, courses, certificates, inbox. */
import { http } from './http';
import type { Page } from './types';

export interface MyRecord {
  year: number;
  hoursEarned: number;
  hoursRequired: number;
  courses?: Array<{ courseId: string; title: string; completedAt: string | null; hours: number }>;
}

export interface Certificate {
  id: string;
  courseTitle: string;
  code: string;
  issuedAt: string;
}

export interface InboxItem {
  id: string;
  title: string;
  body?: string;
  createdAt: string;
  readAt?: string | null;
}

export const myRecord = () => http.get<MyRecord>('/api/v1/records/me');
export const myCertificates = (cursor?: string | null) => http.get<Page<Certificate>>('/api/v1/certificates/mine', { cursor });
export const inbox = (cursor?: string | null) => http.get<Page<InboxItem>>('/api/v1/inbox', { cursor, limit: 20 });
export const markRead = (id: string) => http.post(`/api/v1/inbox/${id}/read`);
