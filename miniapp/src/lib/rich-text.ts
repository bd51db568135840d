/**
 * The admin's body editor writes a small Markdown-like text — `# 标题`, `## 小标题`, `- 列表项`,
 * `**加粗**`, blank lines between paragraphs — and stores HTML, which the server sanitises. This
 * module converts both ways for the tags it writes; anything else in stored HTML becomes text.
 */
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const inline = (s: string) => escapeHtml(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');

export function textToHtml(text: string): string {
  const out: string[] = [];
  let list: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (list.length) out.push(`<ul>${list.map((li) => `<li>${inline(li)}</li>`).join('')}</ul>`);
    if (para.length) out.push(`<p>${para.map(inline).join('<br/>')}</p>`);
    list = [];
    para = [];
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const heading = /^(#{1,2})\s+(.*)$/.exec(line);
    const item = /^[-*]\s+(.*)$/.exec(line);
    if (!line.trim()) flush();
    else if (heading) {
      flush();
      out.push(heading[1].length === 1 ? `<h2>${inline(heading[2])}</h2>` : `<h3>${inline(heading[2])}</h3>`);
    } else if (item) {
      if (para.length) flush();
      list.push(item[1]);
    } else {
      if (list.length) flush();
      para.push(line);
    }
  }
  flush();
  return out.join('');
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => entities[e]);

export function htmlToText(html: string): string {
  const text = html
    .replace(/\r?\n/g, ' ')
    .replace(/<h[12][^>]*>(.*?)<\/h[12]>/gi, '\n# $1\n\n')
    .replace(/<h[3-6][^>]*>(.*?)<\/h[3-6]>/gi, '\n## $1\n\n')
    .replace(/<li[^>]*>(.*?)<\/li>/gi, '- $1\n')
    .replace(/<\/(ul|ol)>/gi, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n\n')
    .replace(/<(strong|b)>(.*?)<\/\1>/gi, '**$2**')
    .replace(/<[^>]+>/g, '');
  return decode(text).replace(/\n{3,}/g, '\n\n').trim();
}
