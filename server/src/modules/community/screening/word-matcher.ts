/**
 * The sensitive-word matcher: one Aho–Corasick automaton (a double array, @monyone/aho-corasick)
 * over the platform's and the enterprise's words, so a text is scanned once however long the list.
 * Words and texts are folded the same way first: NFKC (full-width → half-width), lower case, and
 * the separators people put inside a word to slip it past a filter ("敏 感", "敏*感") removed.
 */
import { AhoCorasick } from '@monyone/aho-corasick/fast';

export type WordAction = 'review' | 'refuse';

export interface ListedWord {
  word: string;
  action: WordAction;
}

// Whitespace, zero-width and bidi characters, and the fillers most used to split a word.
const SEPARATORS = /[\s\u200b-\u200f\u2060\ufeff*_~·•.,，。、|/\\'"`^+\-=#@!！?？:：;；()[\]{}（）【】「」《》<>]+/g;

export function foldForMatching(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(SEPARATORS, '');
}

export class WordMatcher {
  private readonly automaton: AhoCorasick | null;
  private readonly actions = new Map<string, WordAction>();

  constructor(words: ListedWord[]) {
    for (const { word, action } of words) {
      const folded = foldForMatching(word);
      if (!folded) continue;
      // A word listed twice (platform and enterprise) takes the stricter action.
      if (this.actions.get(folded) !== 'refuse') this.actions.set(folded, action);
    }
    this.automaton = this.actions.size ? new AhoCorasick([...this.actions.keys()]) : null;
  }

  get size(): number {
    return this.actions.size;
  }

  /** The distinct listed words in `text` with their actions, refusals first; [] when none. */
  find(text: string): ListedWord[] {
    if (!this.automaton) return [];
    const folded = foldForMatching(text);
    if (!this.automaton.hasKeywordInText(folded)) return [];
    const found = new Map<string, WordAction>();
    for (const { keyword } of this.automaton.matchInText(folded)) found.set(keyword, this.actions.get(keyword)!);
    return [...found].map(([word, action]) => ({ word, action })).sort((a, b) => (a.action === b.action ? 0 : a.action === 'refuse' ? -1 : 1));
  }
}
