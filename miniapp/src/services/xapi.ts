/** LRS credentials: keys an enterprise admin issues to systems that send or read its learning records (xAPI). */
import { http } from './http';

export interface LrsCredential {
  id: string;
  name: string;
  /** The Basic-auth user name; the secret is shown only when the credential is issued. */
  key: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface IssuedCredential {
  credential: LrsCredential;
  secret: string;
  endpoint: string;
}

export const listLrsCredentials = () => http.get<{ items: LrsCredential[]; endpoint: string }>('/api/v1/xapi/credentials');
export const issueLrsCredential = (name: string) => http.post<IssuedCredential>('/api/v1/xapi/credentials', { name });
export const revokeLrsCredential = (id: string) => http.del<void>(`/api/v1/xapi/credentials/${id}`);
