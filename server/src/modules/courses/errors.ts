/** Errors of the training modules: stable codes clients switch on. */
import { AppError } from '../../core/errors';

export const trainingErrors = {
  notEnrolled: () => new AppError(403, 'not_enrolled', '尚未报名该课程 / You are not enrolled in this course'),
  enrolmentExpired: (expiresAt: Date) =>
    new AppError(403, 'enrolment_expired', '课程学习有效期已过，不能继续学习或考试 / The enrolment has expired: study and exams are closed', { expiresAt: expiresAt.toISOString() }),
  enrolmentNotStarted: (startsAt: Date) =>
    new AppError(403, 'enrolment_not_started', '课程学习尚未开始 / The enrolment has not started yet', { startsAt: startsAt.toISOString() }),
  courseNotPublished: () => new AppError(409, 'course_not_published', '课程未发布 / The course is not published'),
  courseInUse: (enrolments: number, tasks: number) =>
    new AppError(409, 'course_in_use', '课程已有学员或被培训任务引用，不能删除，请改为下架 / The course has learners or is part of a task: unpublish it instead', { enrolments, tasks }),
  courseEmpty: () => new AppError(409, 'course_has_no_chapters', '课程还没有章节 / The course has no chapters'),
  parallelSession: (sessionId: string) =>
    new AppError(409, 'parallel_session', '已有进行中的学习会话，请先结束 / Another study session is active; end it first', { activeSessionId: sessionId }),
  sessionEnded: () => new AppError(409, 'study_session_ended', '学习会话已结束或超时，请重新开始 / The study session has ended; start a new one'),
  chapterNotInCourse: () => new AppError(400, 'chapter_not_in_session_course', '章节不属于本次学习的课程 / The chapter is not part of this session’s course'),
  chaptersIncomplete: () => new AppError(409, 'chapters_incomplete', '请先学完全部章节再参加考试 / Finish every chapter before taking the exam'),
};
