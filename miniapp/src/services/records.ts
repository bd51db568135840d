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
  kind?: string;
  /** The mini-program path the notice is about (lib/notice-link maps it onto a page). */
  link?: string | null;
}

/** One certificate, for its page: with the hours, the enterprise and its time zone; the holder by name (or by host id for the host to draw). */
export interface CertificateDetail extends Certificate {
  holder: string | null;
  holderHostUserId: string | null;
  creditHours: number | null;
  enterprise: string | null;
  timeZone: string;
}
export const certificate = (id: string) => http.get<{ certificate: CertificateDetail }>(`/api/v1/certificates/${id}`).then((r) => r.certificate);

export const myCredits = (year?: number) => http.get<MyCredits>('/api/v1/me/credits', { year });
export const myCertificates = () => http.get<{ items: Certificate[] }>('/api/v1/me/certificates').then((r): Page<Certificate> => ({ items: r.items, nextCursor: null }));
export const inbox = (cursor?: string | null) => http.get<Page<InboxItem> & { unread?: number }>('/api/v1/inbox', { cursor, limit: 20 });
export const markRead = (id: string) => http.post(`/api/v1/inbox/${id}/read`);

export interface AgreementVersion {
  id: string;
  kind: string;
  version: string;
  content?: string;
  changeSummary?: string | null;
}
export const pendingAgreements = () => http.get<{ items: AgreementVersion[] }>('/api/v1/agreements/pending').then((r) => r.items);
export const acceptAgreement = (id: string) => http.post(`/api/v1/agreements/${id}/accept`);

/** Training policy: the enterprise's annual credit-hour requirement (admins set it). */
export const trainingPolicy = () => http.get<{ annualCreditHours: number }>('/api/v1/training-policy');
export const setTrainingPolicy = (annualCreditHours: number) => http.put<{ annualCreditHours: number }>('/api/v1/training-policy', { annualCreditHours });
