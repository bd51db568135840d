/**
 * Turns text into the tokens the database search index stores, and a query into the tokens it
 * must find. Neither MariaDB (no ngram parser) nor SQLite's trigram tokenizer finds 2-character
 * Chinese words, so we tokenise ourselves:
 *
 *  - a run of CJK characters becomes its overlapping bigrams plus its last character alone
 *    ("学习制度" → 学习 习制 制度 度), so every character starts some token;
 *  - any other run of letters/digits is a word, lower-cased (NFKC folds full-width forms), indexed
 *    with its prefixes of 3+ characters too, so "pyth" finds "python".
 *
 * Each distinct token of a document gets a weight: occurrences in the body, plus a bonus when the
 * title has it.
 */
export const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const SEGMENT = new RegExp(String.raw`([${CJK}]+)|((?:(?![${CJK}])[\p{L}\p{N}])+)`, 'gu');
export const MAX_TOKEN = 32;
const MAX_PREFIX = 12;
const TITLE_BONUS = 40;
const MAX_TF = 30;

export type Term = { kind: 'cjk' | 'word'; text: string };

export const normalise = (text: string) => text.normalize('NFKC').toLowerCase();

export function segments(text: string): Term[] {
  const terms: Term[] = [];
  for (const match of normalise(text).matchAll(SEGMENT)) {
    if (match[1]) terms.push({ kind: 'cjk', text: match[1] });
    else terms.push({ kind: 'word', text: Array.from(match[2]).slice(0, MAX_TOKEN).join('') });
  }
  return terms;
}

/** Every token occurrence of a text (with repeats). */
export function textTokens(text: string): string[] {
  const out: string[] = [];
  for (const term of segments(text)) {
    const chars = Array.from(term.text);
    if (term.kind === 'cjk') {
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
      out.push(chars[chars.length - 1]);
    } else {
      out.push(term.text);
      for (let n = 3; n < Math.min(chars.length, MAX_PREFIX + 1); n++) out.push(chars.slice(0, n).join(''));
    }
  }
  return out;
}

/** The distinct tokens of a document and their weights. */
export function documentPostings(title: string, text: string): Map<string, number> {
  const tf = new Map<string, number>();
  for (const token of textTokens(text)) tf.set(token, (tf.get(token) ?? 0) + 1);
  const inTitle = new Set(textTokens(title));
  const weights = new Map<string, number>();
  for (const token of new Set([...tf.keys(), ...inTitle])) {
    weights.set(token, (inTitle.has(token) ? TITLE_BONUS : 0) + Math.min(tf.get(token) ?? 0, MAX_TF));
  }
  return weights;
}

export interface ParsedQuery {
  terms: Term[];
  /** Tokens that must all be indexed for the document (AND). */
  tokens: string[];
  /** Text that must occur as such: CJK words of 3+ characters (their bigrams may occur apart) and single CJK characters. */
  phrases: string[];
  /** Single CJK characters: found through the tokens they start. */
  prefixes: string[];
}

/** Parses a search box query. Nothing searchable left: no tokens and no prefixes. */
export function parseQuery(query: string, maxTerms = 8): ParsedQuery {
  const terms = segments(query).slice(0, maxTerms);
  const tokens = new Set<string>();
  const phrases: string[] = [];
  const prefixes: string[] = [];
  for (const term of terms) {
    const chars = Array.from(term.text);
    if (term.kind === 'word') {
      tokens.add(chars.length > MAX_PREFIX ? term.text : chars.slice(0, MAX_PREFIX).join(''));
    } else if (chars.length === 1) {
      prefixes.push(term.text);
      phrases.push(term.text);
    } else {
      for (let i = 0; i + 1 < chars.length; i++) tokens.add(chars[i] + chars[i + 1]);
      if (chars.length > 2) phrases.push(term.text);
    }
  }
  return { terms, tokens: [...tokens], phrases, prefixes };
}
