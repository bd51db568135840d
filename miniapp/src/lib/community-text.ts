/** The words of community outcomes: refused or blocked writes, and moderation notices in Chinese. */
import { ApiError } from './api-error';

/** What a refused or blocked write means to the writer (screening refusals, suspension, restriction). */
export function writeProblem(err: unknown): { title: string; text: string; toPenalties: boolean } | null {
  if (!(err instanceof ApiError)) return null;
  const [zh] = err.message.split(' / ');
  if (err.code === 'member_suspended') return { title: '你的账号已被暂停使用', text: `${zh}。暂停期间不能发布内容，可以在“我的处罚与申诉”中提出申诉。`, toPenalties: true };
  if (err.code === 'posting_restricted') return { title: '你暂时不能发言', text: `${zh}。可以在“我的处罚与申诉”中提出申诉。`, toPenalties: true };
  if (err.status === 422) return { title: '内容未通过审核，没有发布', text: zh, toPenalties: false };
  return null;
}

/**
 * The Chinese of a moderation notice the server wrote bilingually ("原因 / Reason: …。如有异议… /
 * If you disagree…"): English labels before a colon and English tails are dropped.
 */
export function chineseText(text: string): string {
  return text
    .replace(/ \/ [A-Za-z][A-Za-z ]*(?=[:：])/g, '')
    .replace(/ \/ [A-Za-z][^\u4e00-\u9fff。]*(?=。|$)/g, '')
    .trim();
}
