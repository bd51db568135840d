/** Highlighted snippets: the text around the first match, escaped, with every match in <mark>. */
import { escapeHtml } from '../content/sanitize';
import type { Term } from './tokens';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function matcher(terms: Term[]): RegExp | null {
  const parts = [...new Set(terms.map((t) => t.text))].sort((a, b) => b.length - a.length).map(escapeRe);
  return parts.length ? new RegExp(parts.join('|'), 'giu') : null;
}

export function highlight(text: string, terms: Term[]): string {
  const re = matcher(terms);
  if (!re) return escapeHtml(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(re)) {
    out += escapeHtml(text.slice(last, m.index)) + `<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

export function snippet(text: string, terms: Term[], width = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const re = matcher(terms);
  const first = re ? flat.search(re) : -1;
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  const piece = flat.slice(start, end);
  return (start > 0 ? '…' : '') + highlight(piece, terms) + (end < flat.length ? '…' : '');
}
