/** Training tasks: mine (employee), and assignment and progress (admin). */
import { http } from './http';
import type { Page, Task } from './types';

export const myTasks = (cursor?: string | null) => http.get<Page<Task>>('/api/v1/me/tasks', { cursor, limit: 20 });
export interface MyTaskDetail {
  task: Task;
  mine: { items: Array<{ id: string; kind: string; refId: string; done: boolean }>; status: string; completedAt: string | null };
}
export const myTask = (id: string) => http.get<MyTaskDetail>(`/api/v1/tasks/${id}`);
export const listTasks = (cursor?: string | null) => http.get<Page<Task>>('/api/v1/tasks', { cursor, limit: 20 });

export type TaskTarget = { kind: 'department' | 'member'; refId: string } | { kind: 'enterprise' };
export interface NewTask {
  title: string;
  description?: string | null;
  required: boolean;
  startsAt: string;
  dueAt: string;
  items: Array<{ kind: 'course' | 'exam' | 'document'; refId: string }>;
  targets: TaskTarget[];
}
export const createTask = (body: NewTask) => http.post<{ task: Task }>('/api/v1/tasks', body).then((r) => r.task);

export interface Assignee {
  memberId: string;
  hostUserId?: string | null;
  name?: string | null;
  status: string;
  progress?: number;
  itemsDone?: number;
  itemsTotal?: number;
}
export const taskAssignees = (taskId: string, cursor?: string | null, status?: string) =>
  http.get<Page<Assignee>>(`/api/v1/tasks/${taskId}/assignees`, { cursor, limit: 50, status });

export interface TaskDetail {
  task: Task & { description?: string | null };
  items: Array<{ id: string; kind: 'course' | 'exam' | 'document'; refId: string; title: string | null }>;
  targets: Array<{ kind: string; refId: string | null }>;
}
export const taskDetail = (id: string) => http.get<TaskDetail>(`/api/v1/tasks/${id}`);
export const updateTask = (id: string, body: { title?: string; description?: string | null; required?: boolean; dueAt?: string; targets?: TaskTarget[]; items?: NewTask['items'] }) =>
  http.patch<{ task: Task }>(`/api/v1/tasks/${id}`, body);
/** Archives the task: it leaves the list and the audience's tasks; records stay. */
export const archiveTask = (id: string) => http.del(`/api/v1/tasks/${id}`);
/** The reader confirms having read a document of one of their tasks (the task's document item is then done). */
export const confirmTaskDocumentRead = (taskId: string, documentId: string) =>
  http.post<{ mine: MyTaskDetail['mine'] }>(`/api/v1/tasks/${taskId}/documents/${documentId}/read`, {}).then((r) => r.mine);
