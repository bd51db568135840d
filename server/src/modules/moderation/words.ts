/**
 * The enterprise's sensitive-word list: add, remove, list, and import from a spreadsheet
 * (columns 词语 | 处理: 审核 / 拒绝, or review / refuse). An import is all rows or none, and words
 * already listed are left as they are.
 */
import ExcelJS from 'exceljs';
import type { TenantDb } from '../../core/tenancy';
import { neutraliseTitle } from '../knowledge';

export type WordAction = 'review' | 'refuse';
const ACTION_OF: Record<string, WordAction> = { 审核: 'review', 待审核: 'review', review: 'review', 拒绝: 'refuse', 禁止: 'refuse', refuse: 'refuse', '': 'review' };
export const MAX_IMPORT_ROWS = 50_000;

// Stored folded (NFKC, lower case) as the matcher compares them: "ＳＰＡＭ" and "spam" are one word.
export const cleanWord = (raw: string) => neutraliseTitle(raw).normalize('NFKC').toLowerCase().slice(0, 100);

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
};

export interface WordImport {
  words: { word: string; action: WordAction }[];
  problems: { row: number; message: string }[];
}

export async function parseWordSheet(buffer: Buffer): Promise<WordImport> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { words: [], problems: [{ row: 0, message: '不是有效的 xlsx 文件 / not a valid xlsx file' }] };
  }
  const ws = book.worksheets[0];
  if (!ws) return { words: [], problems: [{ row: 0, message: '没有工作表 / no worksheet' }] };
  const words = new Map<string, WordAction>();
  const problems: WordImport['problems'] = [];
  ws.eachRow((row, n) => {
    const word = cleanWord(cellText(row.getCell(1).value));
    const actionText = cellText(row.getCell(2).value).toLowerCase();
    if (n === 1 && (word === '词语' || word.toLowerCase() === 'word')) return;
    if (!word) return;
    const action = ACTION_OF[actionText];
    if (!action) return void problems.push({ row: n, message: `处理方式应为 审核/拒绝 / action must be 审核 or 拒绝: ${actionText.slice(0, 20)}` });
    if (words.get(word) !== 'refuse') words.set(word, action);
  });
  if (words.size > MAX_IMPORT_ROWS) problems.push({ row: 0, message: `一次最多导入 ${MAX_IMPORT_ROWS} 个词 / at most ${MAX_IMPORT_ROWS} words at once` });
  return { words: [...words].map(([word, action]) => ({ word, action })), problems };
}

/** Adds the words not listed yet; returns how many were new. */
export async function addWords(db: TenantDb, createdById: string, words: { word: string; action: WordAction }[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < words.length; i += 500) {
    const chunk = words.slice(i, i + 500);
    const have = new Set((await db.sensitiveWord.findMany({ where: { word: { in: chunk.map((w) => w.word) } }, select: { word: true } })).map((w) => w.word));
    const fresh = chunk.filter((w) => !have.has(w.word));
    if (fresh.length) added += (await db.sensitiveWord.createMany({ data: fresh.map((w) => ({ ...w, createdById })) as never })).count;
  }
  return added;
}
