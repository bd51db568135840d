/**
 * Where an inbox notice leads: the server stores a mini-program path with the notice (a task
 * assignment or deadline, an exam result…); this maps it onto a page the app has.
 */
import { routes } from './routes';

export interface NoticeTarget {
  path: string;
  params: Record<string, string>;
}

const pages: string[] = Object.values(routes);

export function noticeTarget(notice: { kind?: string | null; link?: string | null }): NoticeTarget | null {
  const link = (notice.link ?? '').replace(/^#/, '');
  const [rawPath, query = ''] = link.split('?');
  const params: Record<string, string> = {};
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const [k, v = ''] = pair.split('=');
    try {
      params[decodeURIComponent(k)] = decodeURIComponent(v);
    } catch {
      // A malformed pair leads nowhere; the rest of the link still does.
    }
  }
  const path = rawPath ? (rawPath.startsWith('/') ? rawPath : `/${rawPath}`) : '';
  if (path && pages.includes(path)) return { path, params };
  // Task notices (assigned, due soon, overdue) open the task list: tasks have no page of their own.
  if (path.startsWith('/pages/task') || notice.kind?.startsWith('task.')) return { path: routes.tasks, params: {} };
  if (notice.kind?.startsWith('exam.') && params.attemptId) return { path: routes.examResult, params: { attemptId: params.attemptId } };
  if (notice.kind?.startsWith('course.') && params.id) return { path: routes.course, params: { id: params.id } };
  return null;
}
