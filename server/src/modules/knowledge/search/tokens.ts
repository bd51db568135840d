/**
 * Turns text into the tokens the database search index stores, and a query into the tokens it
 * must find. Neither MariaDB (no ngram parser) nor SQLite's trigram tokenizer finds 2-character
 * Chinese words, so we tokenise ourselves:
 *
 *  - a run of CJK characters becomes its overlapping bigrams plus its last character alone
 *    ("学习制度" → 学习 习制 制度 度), so every character starts some token (1-character queries
 *    are a prefix search);
 *  - any other run of letters/digits is one word, lower-cased (NFKC folds full-width forms).
 *
 * Every token is prefixed with the enterprise's 3-letter tag. That pads it past InnoDB's minimum
 * token size (3) and around its stop-word list, and it partitions the index by enterprise: one
 * enterprise's frequent words never make another's searches slower. Tokens contain only letters,
 * digits and CJK, so no query can smuggle boolean operators in.
 */
import { createHash } from 'node:crypto';

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const SEGMENT = new RegExp(String.raw`([${CJK}]+)|((?:(?![${CJK}])[\p{L}\p{N}])+)`, 'gu');
const MAX_WORD = 60;

export type Term = { kind: 'cjk' | 'word'; text: string };

export function tenantTag(tenantId: string): string {
  const digest = createHash('sha256').update(tenantId).digest();
  return Array.from(digest.subarray(0, 3), (b) => String.fromCharCode(97 + (b % 26))).join('');
}

export const normalise = (text: string) => text.normalize('NFKC').toLowerCase();

export function segments(text: string): Term[] {
  const terms: Term[] = [];
  for (const match of normalise(text).matchAll(SEGMENT)) {
    if (match[1]) terms.push({ kind: 'cjk', text: match[1] });
    else terms.push({ kind: 'word', text: match[2].slice(0, MAX_WORD) });
  }
  return terms;
}

function cjkTokens(run: string): string[] {
  const chars = Array.from(run);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  out.push(chars[chars.length - 1]);
  return out;
}

/** The index tokens of a text, space-separated. */
export function textTokens(tag: string, text: string): string[] {
  const out: string[] = [];
  for (const term of segments(text)) {
    if (term.kind === 'cjk') for (const t of cjkTokens(term.text)) out.push(tag + t);
    else out.push(tag + term.text);
  }
  return out;
}

/** What the index stores for a document: the title counts twice, which ranks title matches higher. */
export function documentTokens(tag: string, title: string, body: string): string {
  const titleTokens = textTokens(tag, title).join(' ');
  return `${titleTokens} ${titleTokens} ${textTokens(tag, body).join(' ')}`.trim();
}

export interface QueryToken {
  token: string;
  prefix: boolean;
}

export interface ParsedQuery {
  terms: Term[];
  /** Every one must be present (AND). */
  tokens: QueryToken[];
  /** CJK terms of 3+ characters: their bigrams may occur apart, so the text itself is checked. */
  phrases: string[];
}

/** Parses a search box query. Returns no tokens when nothing searchable is left. */
export function parseQuery(tag: string, query: string, maxTerms = 8): ParsedQuery {
  const terms = segments(query).slice(0, maxTerms);
  const tokens = new Map<string, QueryToken>();
  const phrases: string[] = [];
  for (const term of terms) {
    if (term.kind === 'word') {
      tokens.set(tag + term.text, { token: tag + term.text, prefix: true });
      continue;
    }
    const chars = Array.from(term.text);
    if (chars.length === 1) {
      tokens.set(tag + term.text, { token: tag + term.text, prefix: true });
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) {
      const token = tag + chars[i] + chars[i + 1];
      tokens.set(token, { token, prefix: false });
    }
    if (chars.length > 2) phrases.push(term.text);
  }
  return { terms, tokens: [...tokens.values()], phrases };
}
