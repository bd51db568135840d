/** Training tasks: mine (employee), and assignment and progress (admin). */
import { http } from './http';
import type { Page, Task } from './types';

export const myTasks = (cursor?: string | null) => http.get<Page<Task>>('/api/v1/tasks/mine', { cursor, limit: 20 });
export const listTasks = (cursor?: string | null) => http.get<Page<Task>>('/api/v1/tasks', { cursor, limit: 20 });

export interface NewTask {
  title: string;
  dueAt?: string;
  required: boolean;
  items: Array<{ kind: 'course' | 'exam' | 'document'; refId: string }>;
  assignees: Array<{ kind: 'department' | 'member' | 'tenant'; id?: string }>;
}
export const createTask = (body: NewTask) => http.post<{ task: Task }>('/api/v1/tasks', body).then((r) => r.task);
export const taskProgress = (taskId: string, cursor?: string | null) =>
  http.get<Page<{ id: string; memberId: string; hostUserId?: string | null; name?: string | null; progress: number; status: string }>>(`/api/v1/tasks/${taskId}/progress`, { cursor, limit: 50 });
