/** Credit hours (学时) earned this year against the enterprise's annual requirement. */
import { zonedDay } from './time';

export interface HoursSummary {
  earned: number;
  required: number;
  ratio: number;
  remaining: number;
  complete: boolean;
  label: string;
}

export function summarizeHours(earned: number, required: number): HoursSummary {
  const e = Math.max(0, round1(earned));
  const r = Math.max(0, round1(required));
  const ratio = r > 0 ? Math.min(1, e / r) : e > 0 ? 1 : 0;
  const complete = r > 0 ? e >= r : false;
  const remaining = Math.max(0, round1(r - e));
  const label = r > 0 ? (complete ? `已完成年度要求 ${r} 学时` : `还差 ${remaining} 学时`) : '本企业未设置年度学时要求';
  return { earned: e, required: r, ratio, remaining, complete, label };
}

function round1(n: number): number {
  return Math.round((Number.isFinite(n) ? n : 0) * 10) / 10;
}

/** Due-date wording for tasks: overdue, due today, in N days. */
export function dueLabel(dueIso: string | null | undefined, nowMs: number, timeZone?: string): { text: string; tone: 'normal' | 'soon' | 'overdue' } {
  if (!dueIso) return { text: '无截止日期', tone: 'normal' };
  const due = Date.parse(dueIso);
  if (Number.isNaN(due)) return { text: '无截止日期', tone: 'normal' };
  if (due < nowMs) return { text: `已逾期 ${Math.max(1, Math.floor((nowMs - due) / 86_400_000))} 天`, tone: 'overdue' };
  // Calendar days in the enterprise's zone: due at 23:59 tomorrow is 明天, whatever the hour now.
  const days = zonedDay(due, timeZone) - zonedDay(nowMs, timeZone);
  if (days <= 0) return { text: '今天截止', tone: 'soon' };
  if (days === 1) return { text: '明天截止', tone: 'soon' };
  return { text: `${days} 天后截止`, tone: days <= 3 ? 'soon' : 'normal' };
}
