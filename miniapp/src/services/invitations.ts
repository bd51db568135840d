/** Invitations of people outside WeCom: an admin invites by phone; the person signs in with it to join. */
import { http } from './http';
import type { Page } from './types';

export interface Invitation {
  id: string;
  memberId: string;
  name: string | null;
  /** Masked by the server: 138****0000. */
  phone: string | null;
  status: 'pending' | 'accepted' | 'revoked' | 'expired' | string;
  expiresAt: string;
  acceptedAt: string | null;
  createdAt: string;
}
export const listInvitations = (cursor?: string | null, status?: string) =>
  http.get<Page<Invitation>>('/api/v1/invitations', { cursor, limit: 50, status });
export const createInvitation = (input: { name: string; phone: string; role: 'member' | 'admin'; validDays: number }) =>
  http.post<{ invitation: Invitation }>('/api/v1/invitations', input).then((r) => r.invitation);
export const revokeInvitation = (id: string) => http.del<{ invitation: Invitation }>(`/api/v1/invitations/${id}`).then((r) => r.invitation);
