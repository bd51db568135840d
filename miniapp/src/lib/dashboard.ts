/** The admin dashboard's figures, computed from the report APIs' answers (pure, so it is tested). */
import type { Datum } from './chart';
import { zonedDay } from './time';

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

/** Members active on each of the last `days` days (from lastActiveAt), oldest first, in the enterprise's zone. */
export function activityByDay(lastActive: Array<string | null | undefined>, nowMs: number, days = 7, timeZone?: string): Datum[] {
  const dayOf = (ms: number) => zonedDay(ms, timeZone);
  const today = dayOf(nowMs);
  const counts = new Map<number, number>();
  for (const iso of lastActive) {
    if (!iso) continue;
    const t = Date.parse(iso);
    if (Number.isNaN(t)) continue;
    const d = dayOf(t);
    if (d > today - days && d <= today) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return Array.from({ length: days }, (_, i) => {
    const d = today - days + 1 + i;
    const date = new Date(d * 86_400_000);
    return { label: `${date.getUTCMonth() + 1}/${date.getUTCDate()}`, value: counts.get(d) ?? 0 };
  });
}

/** A department's label: third-party apps get no department names from WeCom, only ids. */
export function departmentLabel(d: { name: string | null; hostDeptId?: string | null; id: string }): string {
  return d.name || (d.hostDeptId ? `部门 ${d.hostDeptId}` : `部门 ${d.id.slice(-4)}`);
}
