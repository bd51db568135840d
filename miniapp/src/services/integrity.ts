/** Suspicious learning events (skipping ahead, impossible speed, parallel sessions, leaving an exam). */
import { http } from './http';
import type { PersonRef } from './admin';
import type { Page } from './types';

export interface SuspiciousEvent {
  id: string;
  kind: string;
  description: string;
  member: PersonRef;
  course: { id: string; title: string | null } | null;
  chapter: { id: string; title: string | null } | null;
  exam: { id: string; title: string | null } | null;
  details: Record<string, unknown> | null;
  createdAt: string;
}
export const suspiciousKinds: Array<[string, string]> = [
  ['', '全部'], ['seek_ahead', '拖动快进'], ['impossible_speed', '进度过快'], ['parallel_session', '多处同时学习'], ['switch_away', '考试切屏'],
];
export const listSuspicious = (cursor?: string | null, kind?: string) =>
  http.get<Page<SuspiciousEvent>>('/api/v1/suspicious-events', { cursor, limit: 50, kind });
