import { AppError } from '../../core/errors';

export const examErrors = {
  attemptsExhausted: (max: number) => new AppError(409, 'attempts_exhausted', `考试次数已用完（最多 ${max} 次） / No attempts left (at most ${max})`, { maxAttempts: max }),
  timeLimitExceeded: () => new AppError(409, 'time_limit_exceeded', '考试时间已到，答卷已提交 / Time is up: the attempt has been submitted'),
  attemptSubmitted: () => new AppError(409, 'attempt_submitted', '答卷已提交 / The attempt is already submitted'),
  bankTooSmall: (rule: unknown) => new AppError(409, 'question_bank_too_small', '题库中符合条件的题目不足 / Not enough questions in the bank for a rule', { rule }),
  paperEmpty: () => new AppError(409, 'paper_empty', '试卷没有题目 / The paper has no questions'),
  notInPaper: (questionId: string) => new AppError(400, 'question_not_in_paper', '题目不在本次试卷中 / The question is not on this paper', { questionId }),
  answerShape: (questionId: string) => new AppError(400, 'answer_invalid', '答案格式与题型不符 / The answer does not fit the question type', { questionId }),
};
