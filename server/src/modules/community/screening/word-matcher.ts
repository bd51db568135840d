/**
 * The sensitive-word matcher: one Aho–Corasick automaton over the platform's and the enterprise's
 * words, so a text is scanned once however long the list. Built once per word list (rules.ts
 * caches it per enterprise and list version); a scan reads the text with charCodeAt and allocates
 * nothing until a word is found.
 *
 * Words and texts are folded the same way first: NFKC (full-width → half-width), lower case, and
 * the separators people put inside a word to slip it past a filter ("敏 感", "敏*感") dropped.
 * The fold works on UTF-16 code units: ASCII, CJK ideographs and the common CJK punctuation are
 * folded by table; a text with any other character is NFKC-normalised as a whole first.
 *
 * Layout: the root's transitions are a dense Int32Array indexed by code unit (most characters of
 * a text leave the automaton at the root); every other transition sits in one open-addressing
 * hash table keyed by (state, code unit). Failure links are followed at scan time; each state
 * keeps the word it completes and the nearest state down its failure chain that completes one.
 */
export type WordAction = 'review' | 'refuse';

export interface ListedWord {
  word: string;
  action: WordAction;
}

// Whitespace, zero-width and bidi characters, and the fillers most used to split a word.
const SEPARATORS = /[\s\u200b-\u200f\u2060\ufeff*_~·•.,，。、|/\\'"`^+\-=#@!！?？:：;；()[\]{}（）【】「」《》<>]/;

/**
 * Per code unit: 0 = needs NFKC of the whole text first, 1 = separator (dropped), 2 = kept as is,
 * 3 = ASCII upper case (add 32). Filled once at load.
 */
const CLASS = new Uint8Array(0x10000);
(function classify() {
  const stable = (c: number) =>
    c < 0x80 || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) || c === 0xb7 || c === 0x2022 || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019;
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    // A separator only when what NFKC makes of it is separators too (so dropping it first is the same).
    const folded = ch.normalize('NFKC').toLowerCase();
    if (SEPARATORS.test(ch) && [...folded].every((f) => SEPARATORS.test(f))) CLASS[c] = 1;
    else if (c >= 0x41 && c <= 0x5a) CLASS[c] = 3;
    else if (stable(c) && ch.normalize('NFKC') === ch && ch.toLowerCase() === ch) CLASS[c] = 2;
    else CLASS[c] = 0;
  }
})();

/** True when every code unit folds by table (no NFKC pass needed). */
function foldsByTable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (CLASS[text.charCodeAt(i)] === 0) return false;
  }
  return true;
}

/**
 * Text prepared for the table fold: as is when every code unit folds by table; otherwise NFKC and
 * lower case applied (after which only separators remain to drop, and they are table-driven).
 */
function prepare(text: string): string {
  return foldsByTable(text) ? text : text.normalize('NFKC').toLowerCase();
}

/** The folded code unit of one of a prepared text, or −1 for a separator. */
function foldedCode(c: number): number {
  const k = CLASS[c];
  if (k === 1) return -1;
  if (k === 3) return c + 32;
  return c; // 2, or 0 after prepare() (already normalised and lower-cased)
}

export function foldForMatching(text: string): string {
  const prepared = prepare(text);
  let out = '';
  let start = 0;
  // Copy runs of kept characters in slices; case folding only ever touches ASCII here.
  for (let i = 0; i < prepared.length; i++) {
    const c = prepared.charCodeAt(i);
    const f = foldedCode(c);
    if (f === c) continue;
    out += prepared.slice(start, i);
    if (f >= 0) out += String.fromCharCode(f);
    start = i + 1;
  }
  return out + prepared.slice(start);
}

export class WordMatcher {
  private readonly words: string[] = [];
  private readonly refuses: boolean[] = [];
  /** Root transitions by code unit: the next state, or 0 (stay at the root). */
  private readonly root = new Int32Array(0x10000);
  /** Hash table of the other transitions, four int32 a slot (one cache line holds four slots): state (−1 empty), code unit, next state. */
  private edges = new Int32Array(0);
  private mask = 0;
  /** Per state: failure link, word completed here (−1 none), nearest output state down the failure chain (−1 none). */
  private fail = new Int32Array(0);
  private out = new Int32Array(0);
  private outLink = new Int32Array(0);

  constructor(list: ListedWord[]) {
    const index = new Map<string, number>();
    for (const { word, action } of list) {
      const folded = foldForMatching(word);
      if (!folded) continue;
      const at = index.get(folded);
      // A word listed twice (platform and enterprise) takes the stricter action.
      if (at !== undefined) this.refuses[at] ||= action === 'refuse';
      else {
        index.set(folded, this.words.length);
        this.words.push(folded);
        this.refuses.push(action === 'refuse');
      }
    }
    if (this.words.length) this.build();
  }

  get size(): number {
    return this.words.length;
  }

  private build(): void {
    // 1. The trie, with transitions in per-state maps while building.
    const children: Map<number, number>[] = [new Map()];
    const outs: number[] = [-1];
    this.words.forEach((word, id) => {
      let s = 0;
      for (let i = 0; i < word.length; i++) {
        const c = word.charCodeAt(i);
        let t = children[s].get(c);
        if (t === undefined) {
          t = children.length;
          children.push(new Map());
          outs.push(-1);
          children[s].set(c, t);
        }
        s = t;
      }
      outs[s] = id;
    });
    const states = children.length;
    const edges = states - 1;

    // 2. The flat layout: dense root row, hashed rest.
    let capacity = 16;
    while (capacity < edges * 2) capacity <<= 1;
    this.mask = capacity - 1;
    this.edges = new Int32Array(capacity * 4).fill(-1);
    for (const [c, t] of children[0]) this.root[c] = t;
    for (let s = 1; s < states; s++) for (const [c, t] of children[s]) this.put(s, c, t);

    // 3. Failure and output links, breadth first.
    this.fail = new Int32Array(states);
    this.out = Int32Array.from(outs);
    this.outLink = new Int32Array(states).fill(-1);
    const queue = new Int32Array(states);
    let head = 0;
    let tail = 0;
    for (const t of children[0].values()) queue[tail++] = t; // fail = 0
    while (head < tail) {
      const s = queue[head++];
      const f = this.fail[s];
      this.outLink[s] = this.out[f] >= 0 ? f : this.outLink[f];
      for (const [c, t] of children[s]) {
        let g = f;
        let to = this.step(g, c);
        while (to < 0 && g !== 0) {
          g = this.fail[g];
          to = this.step(g, c);
        }
        this.fail[t] = to > 0 ? to : 0;
        queue[tail++] = t;
      }
    }
  }

  private slot(s: number, c: number): number {
    return (Math.imul(s, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & this.mask;
  }

  private put(s: number, c: number, t: number): void {
    let h = this.slot(s, c);
    while (this.edges[h * 4] !== -1) h = (h + 1) & this.mask;
    this.edges[h * 4] = s;
    this.edges[h * 4 + 1] = c;
    this.edges[h * 4 + 2] = t;
  }

  /** The goto function: the next state, or −1 when `s` (not the root) has no edge for `c`. */
  private step(s: number, c: number): number {
    if (s === 0) return this.root[c];
    const { edges, mask } = this;
    for (let h = this.slot(s, c); ; h = (h + 1) & mask) {
      const k = edges[h * 4];
      if (k === -1) return -1;
      if (k === s && edges[h * 4 + 1] === c) return edges[h * 4 + 2];
    }
  }

  /** The distinct listed words in `text` with their actions, refusals first; [] when none. */
  find(text: string): ListedWord[] {
    if (!this.words.length) return [];
    const prepared = prepare(text);
    const { out, outLink, fail, root, edges, mask } = this;
    let found: Set<number> | null = null;
    let s = 0;
    for (let i = 0, n = prepared.length; i < n; i++) {
      let c = prepared.charCodeAt(i);
      const k = CLASS[c];
      if (k === 1) continue;
      if (k === 3) c += 32;
      // Inlined goto-with-failure: hashed edges below the root, the dense row at it.
      while (s !== 0) {
        let to = -1;
        for (let h = (Math.imul(s, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & mask; ; h = (h + 1) & mask) {
          const key = edges[h << 2];
          if (key === -1) break;
          if (key === s && edges[(h << 2) + 1] === c) {
            to = edges[(h << 2) + 2];
            break;
          }
        }
        if (to >= 0) {
          s = to;
          break;
        }
        s = fail[s];
      }
      if (s === 0) {
        s = root[c];
        if (s === 0) continue;
      }
      let o = out[s] >= 0 ? s : outLink[s];
      while (o >= 0) {
        (found ??= new Set()).add(out[o]);
        o = outLink[o];
      }
    }
    if (!found) return [];
    const hits = [...found].map((id) => ({ word: this.words[id], action: (this.refuses[id] ? 'refuse' : 'review') as WordAction }));
    return hits.sort((a, b) => (a.action === b.action ? 0 : a.action === 'refuse' ? -1 : 1));
  }
}
