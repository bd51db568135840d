/** Admin console: members and roles, directory, dashboard figures, reports and exports, audit log. */
import { http } from './http';
import type { Department, Member, Page } from './types';

export const listMembers = (cursor?: string | null, filter: { departmentId?: string; role?: string } = {}) =>
  http.get<Page<Member>>('/api/v1/members', { cursor, limit: 50, ...filter });
export const changeRole = (memberId: string, role: 'member' | 'admin') =>
  http.put<{ member: Member }>(`/api/v1/members/${memberId}/role`, { role }).then((r) => r.member);
export const listDepartments = () => http.get<{ items: Department[] }>('/api/v1/departments', { limit: 200 }).then((r) => r.items);

export interface AuditEntry {
  id: string;
  action: string;
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  createdAt: string;
}
export const auditLogs = (cursor?: string | null) => http.get<Page<AuditEntry>>('/api/v1/audit-logs', { cursor, limit: 50 });

export interface Dashboard {
  completion: Array<{ label: string; value: number }>;
  activity: Array<{ label: string; value: number }>;
  overdue: Array<{ label: string; value: number }>;
  totals?: { members?: number; activeTasks?: number; completionRate?: number; overdue?: number };
}
export const dashboard = () => http.get<Dashboard>('/api/v1/reports/dashboard');

export interface DepartmentReportRow {
  departmentId: string;
  name?: string;
  assigned: number;
  completed: number;
  overdue: number;
}
export const departmentReport = (taskId?: string) =>
  http.get<{ items: DepartmentReportRow[] }>('/api/v1/reports/departments', { taskId }).then((r) => r.items);

/** A background job as /api/v1/jobs/:id presents it. */
export interface ExportJob {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed' | string;
  progress: { done: number; total: number; percent: number };
  result: { downloadUrl?: string; url?: string } | null;
  error: string | null;
}
export const startExport = (kind: string) => http.post<{ job: ExportJob }>('/api/v1/reports/exports', { kind }).then((r) => r.job);
export const getJob = (id: string) => http.get<{ job: ExportJob }>(`/api/v1/jobs/${id}`).then((r) => r.job);
