import { AppError } from '../../core/errors';

export const examErrors = {
  attemptsExhausted: (max: number) => new AppError(409, 'attempts_exhausted', `考试次数已用完（最多 ${max} 次） / No attempts left (at most ${max})`, { maxAttempts: max }),
  timeLimitExceeded: () => new AppError(409, 'time_limit_exceeded', '考试时间已到，答卷已提交 / Time is up: the attempt has been submitted'),
  attemptSubmitted: () => new AppError(409, 'attempt_submitted', '答卷已提交 / The attempt is already submitted'),
  bankTooSmall: (rule: unknown) => new AppError(409, 'question_bank_too_small', '题库中符合条件的题目不足 / Not enough questions in the bank for a rule', { rule }),
  paperEmpty: () => new AppError(409, 'paper_empty', '试卷没有题目 / The paper has no questions'),
  notInPaper: (questionId: string) => new AppError(400, 'question_not_in_paper', '题目不在本次试卷中 / The question is not on this paper', { questionId }),
  notOpenYet: (opensAt: Date) => new AppError(409, 'exam_not_open', '考试尚未开始 / The exam has not opened yet', { opensAt: opensAt.toISOString() }),
  windowClosed: (closesAt: Date) => new AppError(409, 'exam_window_closed', '考试已截止 / The exam has closed', { closesAt: closesAt.toISOString() }),
  windowInvalid: () => new AppError(400, 'exam_window_invalid', '结束时间须晚于开始时间 / The exam must close after it opens'),
  examInUse: (attempts: number, courses: number, tasks: number) =>
    new AppError(409, 'exam_in_use', '考试已有人参加，或被课程、培训任务引用，不能删除，请改为关闭 / The exam has attempts or is part of a course or task: close it instead', { attempts, courses, tasks }),
  questionInvalid: (path: string, message: string) => new AppError(400, 'validation_failed', `题目不完整：${message} / Invalid question: ${message}`, { issues: [{ path: [path], message }] }),
  answerShape: (questionId: string) => new AppError(400, 'answer_invalid', '答案格式与题型不符 / The answer does not fit the question type', { questionId }),
};
