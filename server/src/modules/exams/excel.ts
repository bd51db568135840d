/**
 * The question bank as a spreadsheet: a template to fill in, import (all rows or none), export.
 * Columns: 题型 | 题干 | 选项A…选项F | 答案 | 解析 | 标签 | 难度
 *   题型: 单选 / 多选 / 判断 / 填空 (or single / multiple / true_false / fill)
 *   答案: A · AC or A,C · 对/错 (正确/错误, true/false) · fill-in: accepted texts separated by |
 *   标签: separated by , or ， (at most 20, each up to 50 characters)   难度: 1–5
 */
import ExcelJS from 'exceljs';
import { inspectZip } from '../../core/archive/inspect-zip';
import { AppError } from '../../core/errors';
import { questionBody, questionTags, type QuestionInput } from './schema';

const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F'];
const HEADERS = ['题型', '题干', ...OPTION_KEYS.map((k) => `选项${k}`), '答案', '解析', '标签', '难度'];
const TYPE_NAMES: Record<string, string> = { single: '单选', multiple: '多选', true_false: '判断', fill: '填空' };
const TYPE_OF: Record<string, QuestionInput['type']> = {
  单选: 'single', 单选题: 'single', single: 'single', 多选: 'multiple', 多选题: 'multiple', multiple: 'multiple',
  判断: 'true_false', 判断题: 'true_false', true_false: 'true_false', 填空: 'fill', 填空题: 'fill', fill: 'fill',
};
const TRUE = new Set(['对', '正确', '是', 'true', 't', '√', 'y', 'yes']);
const FALSE = new Set(['错', '错误', '否', 'false', 'f', '×', 'n', 'no']);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sheet(rows: (string | number)[][]) {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('题库');
  ws.addRow(HEADERS).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 50 : 14));
  return book;
}

export async function templateXlsx(): Promise<Buffer> {
  const book = sheet([
    ['单选', '火灾发生时应首先？', '拨打119', '收拾财物', '乘电梯', '', '', '', 'A', '先报警', '消防,安全', 1],
    ['多选', '以下哪些是灭火器类型？', '干粉', '二氧化碳', '酒精', '泡沫', '', '', 'ABD', '', '消防', 2],
    ['判断', '电器着火可以用水扑灭。', '', '', '', '', '', '', '错', '', '消防', 1],
    ['填空', '火警电话是____。', '', '', '', '', '', '', '119', '', '常识', 1],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function exportXlsx(questions: { type: string; stem: string; options: unknown; answer: unknown; explanation: string | null; tags: unknown; difficulty: number }[]): Promise<Buffer> {
  const rows = questions.map((q) => {
    const options = new Map(((q.options as { key: string; text: string }[] | null) ?? []).map((o) => [o.key, o.text]));
    const answer = Array.isArray(q.answer) ? q.answer : [];
    const answerText =
      q.type === 'true_false' ? (answer[0] ? '对' : '错') : q.type === 'fill' ? answer.join('|') : answer.join('');
    return [
      TYPE_NAMES[q.type] ?? q.type, q.stem, ...OPTION_KEYS.map((k) => options.get(k) ?? ''), answerText, q.explanation ?? '',
      (Array.isArray(q.tags) ? q.tags : []).join(','), q.difficulty,
    ];
  });
  return Buffer.from(await sheet(rows).xlsx.writeBuffer());
}

const text = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
};

/** A question bank of 10,000 questions expands to a few MB; more is not a question bank. */
const IMPORT_EXPANDED_LIMIT = 32 * 1024 * 1024;

export interface ImportProblem {
  row: number;
  message: string;
}

export async function parseImport(buffer: Buffer): Promise<{ questions: QuestionInput[]; problems: ImportProblem[] }> {
  const book = new ExcelJS.Workbook();
  try {
    // ExcelJS unzips on the event loop and believes the archive: check it first, off the loop.
    await inspectZip(buffer, { limits: { maxExpandedBytes: IMPORT_EXPANDED_LIMIT } });
  } catch (err) {
    if (err instanceof AppError && err.code === 'unsafe_archive') throw err;
    return { questions: [], problems: [{ row: 0, message: '不是有效的 xlsx 文件 / not a valid xlsx file' }] };
  }
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { questions: [], problems: [{ row: 0, message: '不是有效的 xlsx 文件 / not a valid xlsx file' }] };
  }
  const ws = book.worksheets[0];
  const questions: QuestionInput[] = [];
  const problems: ImportProblem[] = [];
  if (!ws) return { questions, problems: [{ row: 0, message: '没有工作表 / no worksheet' }] };
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cells = HEADERS.map((_, i) => text(row.getCell(i + 1).value));
    if (cells.every((c) => c === '')) return;
    const [typeName, stem, ...rest] = cells;
    const optionTexts = rest.slice(0, OPTION_KEYS.length);
    const [answerText, explanation, tagText, difficultyText] = rest.slice(OPTION_KEYS.length);
    const type = TYPE_OF[typeName.toLowerCase()] ?? TYPE_OF[typeName];
    if (!type) return void problems.push({ row: n, message: `未知题型 / unknown type: ${typeName}` });
    if (!stem) return void problems.push({ row: n, message: '题干为空 / empty stem' });
    const options = optionTexts.map((t, i) => ({ key: OPTION_KEYS[i], text: t })).filter((o) => o.text !== '');
    let answer: (string | boolean)[];
    if (type === 'true_false') {
      const a = answerText.toLowerCase();
      if (!TRUE.has(a) && !FALSE.has(a)) return void problems.push({ row: n, message: `判断题答案应为 对/错 / answer must be 对 or 错: ${answerText}` });
      answer = [TRUE.has(a)];
    } else if (type === 'fill') {
      answer = answerText.split('|').map((s) => s.trim()).filter(Boolean);
    } else {
      answer = answerText.toUpperCase().replace(/[\s,，、]/g, '').split('').filter(Boolean);
    }
    const difficulty = difficultyText === '' ? 1 : Number(difficultyText);
    if (!Number.isInteger(difficulty) || difficulty < 1 || difficulty > 5) return void problems.push({ row: n, message: `难度应为 1-5 / difficulty must be 1-5: ${difficultyText}` });
    if (answer.length === 0) return void problems.push({ row: n, message: '答案为空 / empty answer' });
    const tags = questionTags.safeParse(tagText.split(/[,，]/).map((s) => s.trim()).filter(Boolean));
    if (!tags.success) return void problems.push({ row: n, message: '标签最多 20 个，每个不超过 50 字 / at most 20 tags of up to 50 characters' });
    // The same schema as a question written in the console: lengths, the key's shape, sanitising.
    const parsed = questionBody.safeParse({
      type, stem, options: type === 'single' || type === 'multiple' ? options : undefined, answer, explanation: explanation || null,
      tags: tags.data, difficulty,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return void problems.push({ row: n, message: `${issue.path.join('.')}: ${issue.message}` });
    }
    questions.push(parsed.data);
  });
  return { questions, problems };
}
