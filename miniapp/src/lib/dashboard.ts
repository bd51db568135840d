/** The admin dashboard's figures, computed from the report APIs' answers (pure, so it is tested). */
import type { Datum } from './chart';

export interface TaskSummary {
  taskId: string;
  title: string;
  assignees: number;
  completed: number;
  overdue: number;
  completionRate: number;
}

export interface DepartmentTotals {
  label: string;
  assigned: number;
  completed: number;
  overdue: number;
  completionRate: number;
}

const short = (s: string, n = 8) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function completionByDepartment(rows: DepartmentTotals[]): Datum[] {
  return rows.filter((r) => r.assigned > 0).map((r) => ({ label: short(r.label), value: r.completionRate }));
}

export function overdueByTask(tasks: TaskSummary[]): Datum[] {
  return tasks.map((t) => ({ label: short(t.title), value: t.overdue }));
}

export function completionByTask(tasks: TaskSummary[]): Datum[] {
  return tasks.map((t) => ({ label: short(t.title), value: t.completionRate }));
}

/** The server's active-people-per-day (enterprise calendar dates, oldest first) as chart bars labelled M/D. */
export function activityBars(days: Array<{ date: string; activeMembers: number }>): Datum[] {
  return days.map(({ date, activeMembers }) => {
    const [, month, day] = date.split('-').map(Number);
    return { label: `${month}/${day}`, value: activeMembers };
  });
}

/** A department's label: third-party apps get no department names from WeCom, only ids. */
export function departmentLabel(d: { name: string | null; hostDeptId?: string | null; id: string }): string {
  return d.name || (d.hostDeptId ? `部门 ${d.hostDeptId}` : `部门 ${d.id.slice(-4)}`);
}
