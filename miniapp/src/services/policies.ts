/** The enterprise's account policy (inactivity freeze, retention, real-name) and classified-marker rules. */
import { http } from './http';

export interface AccountPolicy {
  freezeAfterDays: number;
  retentionDays: number;
  requireRealName: boolean;
}
export const accountPolicy = () => http.get<{ policy: AccountPolicy }>('/api/v1/admin/account-policy').then((r) => r.policy);
export const saveAccountPolicy = (policy: Partial<AccountPolicy>) =>
  http.put<{ policy: AccountPolicy }>('/api/v1/admin/account-policy', policy).then((r) => r.policy);

/** Markers that make an upload refused as classified: the platform's (fixed) and the enterprise's own. */
export interface ClassifiedMarkers {
  platformMarkers: string[];
  classifiedMarkers: string[];
}
export const classifiedMarkers = () => http.get<ClassifiedMarkers>('/api/v1/kb-settings');
export const saveClassifiedMarkers = (markers: string[]) => http.put<ClassifiedMarkers>('/api/v1/kb-settings', { classifiedMarkers: markers });
