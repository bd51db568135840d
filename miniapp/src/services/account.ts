/**
 * My account: password, phone number, real-name fields, login history, agreements, privacy
 * requests, my data and cancellation. Every call acts on the signed-in member only.
 */
import { http } from './http';
import { deviceId } from './session';
import type { Page } from './types';

export const sendPasswordCode = () => http.post<{ sent: true }>('/api/v1/me/password/code');
export const changePassword = (code: string, password: string) => http.put<void>('/api/v1/me/password', { code, password, deviceId: deviceId() });

export const sendPhoneCodes = (phone: string) => http.post<{ sent: true; currentPhoneCodeSent: boolean }>('/api/v1/me/phone/code', { phone });
export const changePhone = (phone: string, code: string, currentCode?: string) => http.put<void>('/api/v1/me/phone', { phone, code, ...(currentCode && { currentCode }) });

export interface RealName {
  required: boolean;
  realName: string | null;
  idNumber: string | null;
  idNumberLocked: boolean;
  employer: string | null;
  region: string | null;
}
export const myRealName = () => http.get<{ realName: RealName }>('/api/v1/me/real-name').then((r) => r.realName);
/** My name (people not from WeCom) and the real-name fields; answers the real-name fields as saved. */
export type RealNameInput = Partial<Record<'name' | 'realName' | 'idNumber' | 'employer' | 'region', string>>;
export const saveRealName = (input: RealNameInput) => http.patch<{ realName: RealName }>('/api/v1/me', input).then((r) => r.realName);

export interface LoginEntry {
  id: string;
  method: string;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  deviceId: string | null;
  createdAt: string;
}
export const myLogins = (cursor?: string | null) => http.get<Page<LoginEntry>>('/api/v1/me/logins', { cursor, limit: 20 });

export interface Agreement {
  id: string;
  kind: string;
  version: string;
  content: string;
  changeSummary: string;
  publishedAt: string;
  previouslyAcceptedVersion?: string | null;
}
export interface Acceptance {
  id: string;
  versionId: string;
  kind: string;
  version: string;
  acceptedAt: string;
}
export const currentAgreements = () => http.get<{ items: Agreement[] }>('/api/v1/agreements/current').then((r) => r.items);
export const acceptedAgreements = () => http.get<{ items: Acceptance[] }>('/api/v1/agreements/accepted').then((r) => r.items);
export const acceptAgreementVersion = (id: string) => http.post(`/api/v1/agreements/${id}/accept`);

export type PrivacyRequestKind = 'access' | 'correction' | 'deletion' | 'withdraw_consent' | 'complaint' | 'other';
export interface PrivacyRequest {
  id: string;
  kind: PrivacyRequestKind | string;
  details: string;
  status: 'open' | 'answered' | 'rejected' | string;
  dueAt: string;
  overdue: boolean;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
}
export const myPrivacyRequests = () => http.get<{ items: PrivacyRequest[] }>('/api/v1/me/privacy-requests').then((r) => r.items);
export const createPrivacyRequest = (kind: PrivacyRequestKind, details: string) =>
  http.post<{ request: PrivacyRequest }>('/api/v1/me/privacy-requests', { kind, details }).then((r) => r.request);

/** Everything Qixue holds about me (lib/data-export turns it into readable sections). */
export const myDataExport = () => http.get<Record<string, unknown>>('/api/v1/me/data-export');

export interface CancellationBlocker {
  code: string;
  message: string;
  courseId?: string;
  courseTitle?: string | null;
  expiresAt?: string;
}
export interface CancellationPreview {
  allowed: boolean;
  blockers: CancellationBlocker[];
  codeRequired: boolean;
}
export const cancellationPreview = () => http.get<CancellationPreview>('/api/v1/me/cancellation');
export const sendCancellationCode = () => http.post<{ sent: true }>('/api/v1/me/cancellation/code');
export const cancelAccount = (code?: string) => http.post<{ status: 'cancelled' }>('/api/v1/me/cancellation', code ? { code } : {});
