/**
 * Papers: which questions an attempt gets. Fixed papers list their questions; random papers draw N
 * questions per rule (tag, difficulty, type) from the bank at the start of each attempt.
 * The exam and the display side of its questions are cached briefly per process, so a crowd
 * starting one exam at the same moment costs the database little more than the attempts it writes.
 */
import { randomInt } from 'node:crypto';
import type { TenantDb } from '../../core/tenancy';
import { errors } from '../../core/errors';
import { examErrors } from './errors';
import { examSelect, type ExamRow } from './presenter';

const CACHE_MS = 5_000;

export interface DisplayQuestion {
  id: string;
  type: string;
  stem: string;
  options: unknown;
  difficulty: number;
}
export interface PaperEntry {
  questionId: string;
  score: number;
}
export interface CachedExam {
  exam: ExamRow;
  courseId: string | null;
  fixed: PaperEntry[];
  questions: Map<string, DisplayQuestion>;
  /** For random papers: the ids of the questions carrying each tag the rules name (from QuestionTag). */
  taggedIds: Map<string, Set<string>>;
  at: number;
}

const cache = new Map<string, CachedExam>();

export function forgetExam(tenantId: string, examId: string): void {
  cache.delete(`${tenantId}:${examId}`);
  loading.delete(`${tenantId}:${examId}`);
}

/** The exam with the display side of every question it can draw from (never the keys). */
const loading = new Map<string, Promise<CachedExam>>();

export async function loadExamForTaking(db: TenantDb, tenantId: string, examId: string): Promise<CachedExam> {
  const key = `${tenantId}:${examId}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit;
  // Single flight: a crowd arriving together waits for one load instead of each running it.
  let pending = loading.get(key);
  if (!pending) {
    pending = loadExam(db, key, examId).finally(() => loading.delete(key));
    loading.set(key, pending);
  }
  return pending;
}

async function loadExam(db: TenantDb, key: string, examId: string): Promise<CachedExam> {
  const exam = await db.exam.findUnique({ where: { id: examId }, select: examSelect });
  if (!exam || exam.status !== 'published') throw errors.notFound('exam');
  const course = await db.course.findFirst({ where: { examId }, select: { id: true } });
  const displaySelect = { id: true, type: true, stem: true, options: true, difficulty: true } as const;
  let fixed: PaperEntry[] = [];
  let rows: DisplayQuestion[];
  const taggedIds = new Map<string, Set<string>>();
  if (exam.mode === 'fixed') {
    const links = await db.examQuestion.findMany({ where: { examId }, orderBy: [{ sortOrder: 'asc' }, { questionId: 'asc' }], select: { questionId: true, score: true } });
    fixed = links.map((l) => ({ questionId: l.questionId, score: l.score }));
    rows = links.length ? await db.question.findMany({ where: { id: { in: links.map((l) => l.questionId) } }, select: displaySelect }) : [];
  } else {
    rows = await db.question.findMany({ where: { archived: false }, select: displaySelect });
    const ruleTags = [...new Set(rulesOf(exam).flatMap((r) => (r.tag ? [r.tag] : [])))];
    const tagged = ruleTags.length ? await db.questionTag.findMany({ where: { tag: { in: ruleTags } }, select: { questionId: true, tag: true } }) : [];
    for (const { questionId, tag } of tagged) taggedIds.set(tag, (taggedIds.get(tag) ?? new Set()).add(questionId));
  }
  const questions = new Map(rows.map((q) => [q.id, q]));
  const entry: CachedExam = { exam, courseId: course?.id ?? null, fixed, questions, taggedIds, at: Date.now() };
  cache.set(key, entry);
  return entry;
}

export interface Rule {
  tag?: string;
  difficulty?: number;
  type?: string;
  count: number;
  score: number;
}

const rulesOf = (exam: ExamRow) => (exam.rules ?? []) as Rule[];

export function drawPaper(entry: CachedExam): PaperEntry[] {
  const paper = drawQuestions(entry);
  return entry.exam.shuffleQuestions ? shuffled(paper) : paper;
}

/** Fisher–Yates on a copy: a fixed paper's array is shared by everyone who starts it. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function drawQuestions(entry: CachedExam): PaperEntry[] {
  if (entry.exam.mode === 'fixed') {
    if (entry.fixed.length === 0) throw examErrors.paperEmpty();
    return entry.fixed;
  }
  const chosen = new Set<string>();
  const paper: PaperEntry[] = [];
  for (const rule of rulesOf(entry.exam)) {
    const pool = [...entry.questions.values()].filter(
      (q) => !chosen.has(q.id) && (!rule.tag || entry.taggedIds.get(rule.tag)?.has(q.id)) && (!rule.difficulty || q.difficulty === rule.difficulty) && (!rule.type || q.type === rule.type),
    );
    if (pool.length < rule.count) throw examErrors.bankTooSmall(rule);
    for (let i = 0; i < rule.count; i++) {
      const j = i + randomInt(pool.length - i);
      [pool[i], pool[j]] = [pool[j], pool[i]];
      chosen.add(pool[i].id);
      paper.push({ questionId: pool[i].id, score: rule.score });
    }
  }
  if (paper.length === 0) throw examErrors.paperEmpty();
  return paper;
}
