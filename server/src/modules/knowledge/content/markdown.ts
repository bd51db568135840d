/** Markdown in (import) and out (export). Raw HTML inside Markdown is not rendered; the sanitiser runs after. */
import MarkdownIt from 'markdown-it';
import TurndownService from 'turndown';

const md = new MarkdownIt({ html: false, linkify: true, breaks: false });
const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });

export const markdownToHtml = (markdown: string) => md.render(markdown);
export const htmlToMarkdown = (html: string) => turndown.turndown(html);

/** The first level-1 heading of a Markdown text, as a title. */
export function markdownTitle(markdown: string): string | null {
  return /^#\s+(.+?)\s*#*\s*$/m.exec(markdown)?.[1] ?? null;
}
