import type { NextStep } from '../lib/task-progress';
/** Shapes the server's presenters return (only the fields the pages use). */
import type { Page } from '../lib/paged-list';

export type { Page };

export interface Member {
  id: string;
  hostUserId: string | null;
  name: string | null;
  role: string;
  status?: string;
  lastActiveAt?: string | null;
}

export interface Space {
  id: string;
  name: string;
  description?: string | null;
  status?: 'active' | 'archived' | 'deleted' | string;
  updatedAt?: string;
}

export interface KnowledgeNode {
  id: string;
  kind: 'folder' | 'document' | string;
  title: string;
  parentId: string | null;
  children?: KnowledgeNode[];
  status?: string;
  revision?: number;
  updatedAt?: string;
}

export interface KnowledgeDocument {
  id: string;
  title: string;
  body: string;
  updatedAt?: string;
  revision?: number;
  watermark?: { name?: string | null; hostUserId?: string | null; at?: string } | null;
}

export interface SearchHit {
  id: string;
  spaceId?: string;
  spaceName?: string;
  title: string;
  /** HTML-escaped by the server, matches in <mark>. */
  titleHighlight?: string;
  snippet?: string;
}

export interface Course {
  id: string;
  title: string;
  description?: string | null;
  creditHours: number;
  required?: boolean;
  examId?: string | null;
  status?: string;
  validityDays?: number;
  updatedAt?: string;
}

export interface Chapter {
  id: string;
  title: string;
  kind: 'video' | 'document' | 'article' | 'knowledge' | string;
  durationSec?: number | null;
  minReadSec?: number | null;
  mediaUrl?: string | null;
  body?: string | null;
  knowledgeDocId?: string | null;
}

export interface ChapterProgress {
  chapterId: string;
  completed: boolean;
  positionSec?: number;
  furthestSec?: number;
  creditedSec?: number;
  /** The server's minimum reading time for a reading chapter (null for videos). */
  minReadSec?: number | null;
}

export interface Task {
  id: string;
  title: string;
  dueAt?: string | null;
  startsAt?: string | null;
  required?: boolean;
  status?: string;
  overdue?: boolean;
  /** 0..1 (GET /me/tasks): items done, chapters of an unfinished course counted in part. */
  progress?: number;
  itemsDone?: number;
  itemsTotal?: number;
  /** The first unfinished item (GET /me/tasks); null when the task is complete. */
  next?: NextStep | null;
  items?: Array<{ kind: string; refId: string; title?: string; done?: boolean }>;
}

export interface Department {
  id: string;
  /** Null for WeCom departments: third-party apps get ids, not names. */
  name: string | null;
  hostDeptId?: string | null;
  parentId: string | null;
}
