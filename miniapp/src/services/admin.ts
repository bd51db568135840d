/** Admin console: members and roles, directory, dashboard figures, reports and exports, audit log. */
import { activityBars, completionByDepartment, completionByTask, departmentLabel, overdueByTask, type TaskSummary } from '../lib/dashboard';
import type { Datum } from '../lib/chart';
import { http } from './http';
import { departmentNames } from './open-data';
import type { Department, Member, Page, Task } from './types';

export interface MemberFilter {
  departmentId?: string;
  role?: string;
  status?: string;
  /** A name or part of one (the server asks WeCom, which alone knows its people's names). */
  q?: string;
}
export const listMembers = (cursor?: string | null, filter: MemberFilter = {}) =>
  http.get<Page<Member>>('/api/v1/members', { cursor, limit: 50, ...filter, q: filter.q?.trim() || undefined });
export const unfreezeMember = (memberId: string) => http.post<{ memberId: string; status: 'active' }>(`/api/v1/members/${memberId}/unfreeze`, {});
export const changeRole = (memberId: string, role: 'member' | 'admin') =>
  http.put<{ member: Member }>(`/api/v1/members/${memberId}/role`, { role }).then((r) => r.member);

/** The synced directory's departments (all pages). */
export async function listDepartments(): Promise<Department[]> {
  const out: Department[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: Page<Department> = await http.get<Page<Department>>('/api/v1/departments', { cursor, limit: 200 });
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}
export { departmentLabel };

/** A person as the server presents them for display: the host renders `hostUserId`; `name` only for directly registered people. */
export interface PersonRef {
  id: string;
  hostUserId: string | null;
  name: string | null;
}

/** One audit entry, in words: `phrase` has a `{target}` slot for the target's title or person. */
export interface AuditEntry {
  id: string;
  action: string;
  actorType: 'member' | 'staff' | 'system' | string;
  actor: PersonRef | null;
  phrase: string;
  target: { type: string; id: string; title: string | null; person: PersonRef | null } | null;
  targetLabel: string | null;
  ip: string | null;
  createdAt: string;
}
export const auditLogs = (cursor?: string | null, filter: { actorId?: string } = {}) =>
  http.get<Page<AuditEntry>>('/api/v1/audit-logs', { cursor, limit: 50, ...filter });

export const taskSummary = (task: Task) =>
  http
    .get<{ summary: { assignees: number; completed: number; overdue: number; completionRate: number } }>(`/api/v1/reports/tasks/${task.id}`)
    .then((r): TaskSummary => ({ taskId: task.id, title: task.title, ...r.summary }));

/** A department's report (with its sub-departments), or the whole enterprise's (department null). */
export interface DepartmentReport {
  department: { id: string; name: string | null } | null;
  totals: { assigned: number; completed: number; overdue: number; completionRate: number };
  tasks: Array<{ taskId: string; title: string; dueAt: string; assigned: number; completed: number; overdue: number; completionRate: number }>;
  asOf: string | null;
  stale: boolean;
}
export const departmentReport = (departmentId: string) => http.get<DepartmentReport>(`/api/v1/reports/departments/${departmentId}`);
/** Members by status and people active per day (signed in or studied), in the enterprise's calendar. */
export interface ActivityOverview {
  timeZone: string;
  members: { active: number; frozen: number };
  activity: Array<{ date: string; activeMembers: number }>;
}
export const activityOverview = (days: number) => http.get<ActivityOverview>('/api/v1/reports/activity', { days });
export const enterpriseReport = () => http.get<DepartmentReport>('/api/v1/reports/enterprise');

export interface Dashboard {
  completion: Datum[];
  taskCompletion: Datum[];
  activity: Datum[];
  overdue: Datum[];
  totals: { members: number; activeTasks: number; completionRate: number; overdue: number };
}

/**
 * The dashboard, assembled from the report APIs: the whole-enterprise report (the same figures as
 * each task's page and the reports page), top-level departments, member activity.
 */
export async function dashboard(): Promise<Dashboard> {
  const [tasks, departments, overview, whole] = await Promise.all([
    http.get<Page<Task>>('/api/v1/tasks', { limit: 50 }),
    http.get<Page<Department & { hostDeptId?: string | null }>>('/api/v1/departments', { parentId: 'root', limit: 20 }),
    activityOverview(7),
    enterpriseReport(),
  ]);
  const summaries: TaskSummary[] = whole.tasks.map((t) => ({ taskId: t.taskId, title: t.title, assignees: t.assigned, completed: t.completed, overdue: t.overdue, completionRate: t.completionRate }));
  // The top level is often the enterprise itself: report on its children when there is one root.
  let depts = departments.items;
  if (depts.length === 1) {
    const children = await http.get<Page<Department & { hostDeptId?: string | null }>>('/api/v1/departments', { parentId: depts[0].id, limit: 12 });
    if (children.items.length) depts = children.items;
  }
  const reports = await Promise.all(depts.slice(0, 12).map((d) => departmentReport(d.id).then((r) => ({ d, r }))));
  // Chart labels are text, which WeCom's open-data component cannot fill: the stand-in's names in
  // development, the department's own name when it has one, else its number in the host.
  const labels = await Promise.all(reports.map(({ d }) => (d.name || !d.hostDeptId ? null : departmentNames.get(d.id))));
  return {
    completion: completionByDepartment(reports.map(({ d, r }, i) => ({ label: labels[i] ?? departmentLabel(d), ...r.totals }))),
    taskCompletion: completionByTask(summaries.slice(-8)),
    overdue: overdueByTask(summaries.slice(-8)),
    activity: activityBars(overview.activity),
    totals: { members: overview.members.active, activeTasks: tasks.items.filter((t) => !t.overdue).length, completionRate: whole.totals.completionRate, overdue: whole.totals.overdue },
  };
}

/** A background job as /api/v1/jobs/:id presents it. */
export interface ExportJob {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed' | string;
  progress: { done: number; total: number; percent: number };
  result: unknown;
  error: string | null;
}
export const startExport = (format: 'records' | 'regulator' | 'tasks', year?: number) =>
  http.post<{ jobId: string }>('/api/v1/exports', { format, year }).then((r) => r.jobId);
export const getJob = (id: string) => http.get<{ job: ExportJob }>(`/api/v1/jobs/${id}`).then((r) => r.job);
export const exportDownloadPath = (jobId: string) => `/api/v1/exports/${jobId}/download`;
