import { formatDateTime } from './time';

/**
 * The viewer watermark drawn over documents: who is reading and when (seed 001 §2.5: online only).
 * People by name, never by id: without a name the tile carries the time only (the component draws
 * a WeCom member's name next to it).
 */
export function watermarkText(mark: { name?: string | null; label?: string | null; at?: string } | null | undefined, nowMs: number, timeZone?: string): string {
  const who = mark?.name || mark?.label || '';
  const at = mark?.at ? Date.parse(mark.at) : nowMs;
  const when = formatDateTime(Number.isNaN(at) ? nowMs : at, timeZone);
  return [who, when].filter(Boolean).join(' ');
}

/** Tile positions covering an area, rotated text laid out on a grid. */
export function watermarkTiles(width: number, height: number, tileW = 220, tileH = 140): Array<{ x: number; y: number }> {
  const out: Array<{ x: number; y: number }> = [];
  for (let y = 0; y < height; y += tileH) for (let x = 0; x < width; x += tileW) out.push({ x, y });
  return out;
}

/** Highlights from the server's search snippets: `<em>` marks split into plain/marked runs. */
export function snippetRuns(snippet: string): Array<{ text: string; hit: boolean }> {
  const runs: Array<{ text: string; hit: boolean }> = [];
  const re = /<(em|mark|b)>(.*?)<\/\1>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(snippet))) {
    if (m.index > last) runs.push({ text: stripTags(snippet.slice(last, m.index)), hit: false });
    runs.push({ text: stripTags(m[2]), hit: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) runs.push({ text: stripTags(snippet.slice(last)), hit: false });
  return runs.filter((r) => r.text);
}

function stripTags(s: string): string {
  return s.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
