/** My learning record: hours against the annual requirement, courses credited, certificates, inbox. */
import { http } from './http';
import type { Page } from './types';

export interface MyCredits {
  year: number;
  requiredHours: number;
  earnedHours: number;
  annualComplete: boolean;
  records: Array<{ courseId: string; courseTitle: string | null; hours: number; score: number | null; earnedAt: string }>;
}

export interface Certificate {
  id: string;
  courseId: string;
  course: string;
  verificationCode: string;
  issuedAt: string;
}

export interface InboxItem {
  id: string;
  title: string;
  body?: string;
  createdAt: string;
  readAt?: string | null;
}

export const myCredits = (year?: number) => http.get<MyCredits>('/api/v1/me/credits', { year });
export const myCertificates = () => http.get<{ items: Certificate[] }>('/api/v1/me/certificates').then((r): Page<Certificate> => ({ items: r.items, nextCursor: null }));
export const inbox = (cursor?: string | null) => http.get<Page<InboxItem>>('/api/v1/me/notifications', { cursor, limit: 20 });
export const markRead = (id: string) => http.post(`/api/v1/me/notifications/${id}/read`);
