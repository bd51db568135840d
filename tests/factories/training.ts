/** Training factories: courses with chapters, enrolments, questions and exams, straight into the database. */
import type { TestApp } from '../support/test-app';
import { clock } from '../../server/src/modules/courses/clock';

export interface ChapterSpec {
  kind?: 'video' | 'document' | 'article' | 'knowledge';
  durationSec?: number;
  minReadSec?: number;
}

export async function createCourse(
  t: TestApp,
  tenantId: string,
  opts: { chapters?: ChapterSpec[]; creditHours?: number; status?: 'draft' | 'published' | 'unpublished'; validityDays?: number; examId?: string; title?: string } = {},
) {
  const prisma = t.deps.db.prisma;
  const course = await prisma.course.create({
    data: {
      tenantId, title: opts.title ?? '安全生产培训', creditHours: opts.creditHours ?? 2, status: opts.status ?? 'published',
      validityDays: opts.validityDays ?? 90, examId: opts.examId ?? null, publishedAt: new Date(),
    },
    select: { id: true },
  });
  const chapters: { id: string; kind: string; durationSec: number | null; minReadSec: number | null }[] = [];
  for (const [i, spec] of (opts.chapters ?? [{ kind: 'video', durationSec: 60 }]).entries()) {
    const kind = spec.kind ?? 'video';
    chapters.push(
      await prisma.chapter.create({
        data: {
          tenantId, courseId: course.id, title: `第${i + 1}章`, kind, sortOrder: i,
          durationSec: kind === 'video' ? (spec.durationSec ?? 60) : null,
          minReadSec: kind === 'video' ? null : (spec.minReadSec ?? 30),
          body: kind === 'article' ? '正文' : null, mediaUrl: kind === 'video' ? 'https://media.example.com/v.mp4' : null,
        },
        select: { id: true, kind: true, durationSec: true, minReadSec: true },
      }),
    );
  }
  return { id: course.id, chapters };
}

export async function enrolMember(t: TestApp, tenantId: string, courseId: string, memberId: string, days = 90) {
  const now = clock.now();
  return t.deps.db.prisma.enrolment.create({
    data: { tenantId, courseId, memberId, startsAt: new Date(now), expiresAt: new Date(now + days * 86_400_000) },
    select: { id: true, expiresAt: true },
  });
}

/** Moves the training clock: tests simulate minutes of watching without waiting. */
export function fakeClock(start = Date.now()) {
  let now = start;
  const real = clock.now;
  clock.now = () => now;
  return {
    advance(sec: number) {
      now += sec * 1000;
    },
    get now() {
      return now;
    },
    restore() {
      clock.now = real;
    },
  };
}

export async function createQuestion(
  t: TestApp,
  tenantId: string,
  opts: { type?: 'single' | 'multiple' | 'true_false' | 'fill'; answer?: unknown; tags?: string[]; difficulty?: number } = {},
) {
  const type = opts.type ?? 'single';
  const options = type === 'single' || type === 'multiple' ? [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }, { key: 'C', text: '丙' }] : undefined;
  const answer = opts.answer ?? (type === 'single' ? ['A'] : type === 'multiple' ? ['A', 'C'] : type === 'true_false' ? [true] : ['答案']);
  return t.deps.db.prisma.question.create({
    data: {
      tenantId, type, stem: `题目 ${type}`, options, answer: answer as object, tags: opts.tags ?? [], difficulty: opts.difficulty ?? 1,
      questionTags: { createMany: { data: [...new Set(opts.tags ?? [])].map((tag) => ({ tag })) } },
    },
    select: { id: true, type: true },
  });
}

export async function createExam(
  t: TestApp,
  tenantId: string,
  questionIds: string[],
  opts: { timeLimitSec?: number; maxAttempts?: number; passScore?: number; courseId?: string; resultVisibility?: 'hidden' | 'score' | 'full'; maxSwitchAways?: number } = {},
) {
  const prisma = t.deps.db.prisma;
  const exam = await prisma.exam.create({
    data: {
      tenantId, title: '结业考试', status: 'published', mode: 'fixed', timeLimitSec: opts.timeLimitSec ?? 600, maxAttempts: opts.maxAttempts ?? 2,
      passScore: opts.passScore ?? 60, courseId: opts.courseId, resultVisibility: opts.resultVisibility ?? 'full', maxSwitchAways: opts.maxSwitchAways,
    },
    select: { id: true },
  });
  await prisma.examQuestion.createMany({
    data: questionIds.map((questionId, i) => ({ tenantId, examId: exam.id, questionId, sortOrder: i, score: 100 / questionIds.length })),
  });
  return exam;
}

/** A knowledge-base document (the knowledge module's KbNode), for tasks that include reading it. */
export async function createKbDocument(t: TestApp, tenantId: string, createdById: string) {
  const prisma = t.deps.db.prisma;
  const space = await prisma.kbSpace.create({ data: { tenantId, name: '制度', createdById }, select: { id: true } });
  const id = `n${Math.random().toString(36).slice(2, 14)}`;
  await prisma.kbNode.create({ data: { id, tenantId, spaceId: space.id, kind: 'document', title: '员工手册', path: `/${id}/`, aclPath: `/${id}/`, createdById } });
  return { id, spaceId: space.id };
}

/** A published course completed by the member (credit recorded as the rules would). */
export async function completeCourse(t: TestApp, tenantId: string, courseId: string, memberId: string) {
  const now = new Date(clock.now());
  await t.deps.db.prisma.enrolment.upsert({
    where: { tenantId_courseId_memberId: { tenantId, courseId, memberId } },
    create: { tenantId, courseId, memberId, startsAt: now, expiresAt: new Date(now.getTime() + 90 * 86_400_000), chaptersDoneAt: now, completedAt: now },
    update: { chaptersDoneAt: now, completedAt: now },
  });
}

/** A chapter the member completed (as the heartbeat rules would mark it). */
export async function completeChapter(t: TestApp, tenantId: string, memberId: string, courseId: string, chapterId: string) {
  const now = new Date(clock.now());
  await t.deps.db.prisma.chapterProgress.create({ data: { tenantId, memberId, courseId, chapterId, completed: true, completedAt: now, creditedSec: 60, furthestSec: 60 } });
}
